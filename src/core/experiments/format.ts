import type { Spread } from './statistics';

/** A 0..1 score as points with one decimal ("62.3"). */
export function points(value: number): string {
  return Number.isFinite(value) ? (100 * value).toFixed(1) : 'n/a';
}

/** A 0..1 score over seeds: "62.3 ± 0.8", or "62.3 ± n/a" with one seed (no spread is known, which is not 0). */
export function pointsSpread(spread: Spread): string {
  return `${points(spread.mean)} ± ${spread.std === null ? 'n/a' : points(spread.std)}`;
}

/** A count over seeds (steps): "140 ± 35", "140 ± n/a"; "not reached" when no run had a value. */
export function countSpread(spread: Spread | null, runs: number): string {
  if (spread === null) return 'not reached';
  const text = `${Math.round(spread.mean)} ± ${spread.std === null ? 'n/a' : Math.round(spread.std)}`;
  return spread.n < runs ? `${text} (${spread.n}/${runs} runs)` : text;
}

export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  const minutes = seconds / 60;
  return minutes < 120 ? `${minutes.toFixed(1)} min` : `${(minutes / 60).toFixed(2)} h`;
}

/** A Markdown table; cells must not contain newlines, and pipes are escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
