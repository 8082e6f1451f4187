/** Short written forms of the numbers and names the panel shows. */

/** A duration: "0 ms" … "950 ms", then seconds with two significant decimals ("1.25 s", "12.5 s"). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${seconds < 10 ? seconds.toFixed(2) : seconds < 100 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}

/** A margin between two probabilities, as a decimal ("0.42"). */
export function formatMargin(margin: number): string {
  return Number.isFinite(margin) ? margin.toFixed(2) : '–';
}

/** The last part of a hub id or folder path ("Xenova/gpt2" → "gpt2", "/models/tiny-bert/" → "tiny-bert"). */
export function shortEncoderName(name: string): string {
  const parts = name.split(/[\\/]+/).filter((part) => part.length > 0);
  return parts.at(-1) ?? name;
}

/** At most `max` characters of text on one line, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= max) return oneLine;
  // Never cut a surrogate pair in half.
  const cut = Array.from(oneLine.slice(0, max)).slice(0, -1).join('');
  return `${cut.trimEnd()}…`;
}

/** A file name for a saved chart: "probe-lens-" and the parts made safe for any file system. */
export function svgFileName(...parts: string[]): string {
  return `${baseFileName(parts)}.svg`;
}

/** A file name for a saved table, as svgFileName names charts. */
export function csvFileName(...parts: string[]): string {
  return `${baseFileName(parts)}.csv`;
}

function baseFileName(parts: readonly string[]): string {
  const slug = parts
    .map((part) => part.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((part) => part.length > 0)
    .join('-');
  return `probe-lens${slug ? `-${slug}` : ''}`;
}

/** Where a strategy leans (see layerLean), in a few words: "layer 6", "the embeddings (layer 0)", "no single layer". */
export function formatLean(layer: number | null): string {
  if (layer === null) return 'no single layer';
  return layer === 0 ? 'the embeddings (layer 0)' : `layer ${layer}`;
}

