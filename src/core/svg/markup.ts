import { escapeXml } from './escape';

export type Attributes = Record<string, string | number | undefined>;

/**
 * A pixel coordinate as written into the SVG: two decimals at most. A non-finite value is a bug in a chart
 * (it would print "NaN" and break the picture), so it throws instead of being written.
 */
export function px(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`An SVG coordinate is ${value}.`);
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

/** An element with escaped attribute values (numbers go through px); `content` is markup, already escaped. */
export function element(name: string, attributes: Attributes, content?: string): string {
  const written = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? px(value) : escapeXml(value)}"`)
    .join('');
  return content === undefined ? `<${name}${written}/>` : `<${name}${written}>${content}</${name}>`;
}

/** A <text> element holding plain (unescaped) text, drawn in the current text colour. */
export function text(x: number, y: number, content: string, attributes: Attributes = {}): string {
  return element('text', { x, y, fill: 'currentColor', ...attributes }, escapeXml(content));
}

/** A tooltip: a <title> child shows on hover in browsers and webviews. */
export function tooltip(content: string): string {
  return `<title>${escapeXml(content)}</title>`;
}

/**
 * The approximate rendered width of text in a sans-serif font (no layout engine here): about 0.6 em per
 * character, a full em for wide East Asian characters and emoji. Used to reserve room for labels.
 */
export function textWidth(content: string, fontSize: number): number {
  let ems = 0;
  for (const char of content) ems += isWide(char.codePointAt(0) ?? 0) ? 1 : 0.6;
  return ems * fontSize;
}

/** Shortens text with an ellipsis to fit a width (see textWidth); the full text belongs in a tooltip. */
export function truncate(content: string, maxWidth: number, fontSize: number): string {
  if (textWidth(content, fontSize) <= maxWidth) return content;
  let kept = '';
  for (const char of content) {
    if (textWidth(`${kept}${char}…`, fontSize) > maxWidth) break;
    kept += char;
  }
  return `${kept}…`;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
