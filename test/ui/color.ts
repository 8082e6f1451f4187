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

export type Rgba = Rgb & { a: number };

/**
 * Parses the computed forms of a colour with its alpha: `rgb()`/`rgba()`, and the `color(srgb r g b / a)`
 * that Chromium returns for color-mix() (channels in 0–1).
 */
export function parseCssColorWithAlpha(css: string): Rgba {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(css);
  if (srgb) {
    const [r, g, b] = [srgb[1], srgb[2], srgb[3]].map((channel) => Number(channel) * 255);
    return { r, g, b, a: srgb[4] === undefined ? 1 : Number(srgb[4]) };
  }
  const alpha = /^rgba\([^)]*,\s*([\d.]+)\)$/.exec(css);
  return { ...parseCssColor(css), a: alpha ? Number(alpha[1]) : 1 };
}

/** The colour seen when `top` (possibly translucent) is painted over an opaque `bottom`. */
export function over(top: Rgba, bottom: Rgb): Rgb {
  const mix = (a: number, b: number) => a * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b) };
}
