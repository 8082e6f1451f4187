/** Colour maths for checking that the panel follows the theme and stays readable (WCAG 2 definitions). */
export type Rgb = { r: number; g: number; b: number };

/** Parses the `rgb(…)`/`rgba(…)` form getComputedStyle returns. */
export function parseCssColor(css: string): Rgb {
  const match = /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)/.exec(css);
  if (!match) throw new Error(`not an rgb() colour: ${css}`);
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]) };
}

export function relativeLuminance({ r, g, b }: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
