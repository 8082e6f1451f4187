import { runsOf } from './aggregate';
import { pairedDifference, signOf } from './statistics';
import type { Comparison, RunRecord, Verdict } from './types';

/** What the claims are judged on. */
export interface ClaimInput {
  runs: readonly RunRecord[];
  encoders: readonly { label: string; family: string }[];
  /** Training sizes run, ascending. */
  sizes: readonly number[];
  /** Examples in the training file: a size equal to it is the full set, not few-shot. */
  trainExamples: number;
  seeds: readonly number[];
  /** The metric compared (accuracy or f1), as stored in the runs (0..1). */
  metric: string;
}

/** Family-wise confidence of every claim's test. */
export const CONFIDENCE = 0.95;

/**
 * A metric of one encoder × strategy × size in points (× 100), one value per seed in seed order; undefined
 * unless every seed has a run (a comparison needs pairs).
 */
export function pointsBySeed(input: ClaimInput, encoder: string, strategy: string, size: number): number[] | undefined {
  const runs = runsOf(input.runs, encoder, strategy, size);
  if (runs.length !== input.seeds.length || runs.some((r, i) => r.seed !== input.seeds[i])) return undefined;
  return runs.map((r) => 100 * r.metrics[input.metric]);
}

/** Elementwise a − b. */
export function minus(a: readonly number[], b: readonly number[]): number[] {
  return a.map((v, i) => v - b[i]);
}

export function comparison(encoder: string, label: string, a: readonly number[], b: readonly number[], confidence: number, primary: boolean): Comparison {
  const difference = pairedDifference(a, b, confidence);
  return { encoder, label, difference, sign: signOf(difference), primary };
}

/** The verdict from the signs of the comparisons that count (see Verdict). */
export function combineSigns(comparisons: readonly Comparison[]): Verdict {
  const signs = comparisons.filter((c) => c.primary).map((c) => c.sign);
  if (signs.length === 0) return 'not testable';
  const up = signs.filter((s) => s > 0).length;
  const down = signs.filter((s) => s < 0).length;
  if (up === signs.length) return 'supported';
  if (down === signs.length) return 'contradicted';
  if (up > 0 && down > 0) return 'mixed';
  if (up > 0) return 'partly supported';
  if (down > 0) return 'partly contradicted';
  return 'inconclusive';
}

/** "+4.2 points (95% CI +1.0 to +7.4)", or "+4.2 points (one seed: no interval)". */
export function describeDifference(c: Comparison): string {
  const { mean, low, high, confidence } = c.difference;
  const level = `${Number((confidence * 100).toFixed(2))}%`;
  const interval = low === null || high === null ? 'one seed: no interval' : `${level} CI ${signed(low)} to ${signed(high)}`;
  return `${signed(mean)} points (${interval})`;
}

/** "F(4, 8) = 23.1, p = 0.0002" for a comparison decided by an F test. */
export function describeAnova(c: Comparison): string {
  if (!c.anova) return 'no F test (one seed)';
  const { f, df1, df2, p } = c.anova;
  return `F(${df1}, ${df2}) = ${Number.isFinite(f) ? f.toFixed(1) : '∞'}, p ${p < 0.0001 ? '< 0.0001' : `= ${p.toFixed(4)}`}`;
}

/** The comparisons behind a verdict as a table; claims decided by an F test show it beside the difference. */
export function comparisonsTable(comparisons: readonly Comparison[]): { header: string[]; rows: string[][] } {
  const tested = comparisons.some((c) => c.anova);
  return {
    header: ['encoder', 'comparison', 'difference', 'std over seeds', ...(tested ? ['F test'] : []), 'counts'],
    rows: comparisons.map((c) => [
      c.encoder,
      c.label,
      describeDifference(c),
      c.difference.std === null ? 'n/a' : c.difference.std.toFixed(2),
      ...(tested ? [describeAnova(c)] : []),
      c.primary ? 'yes' : 'context',
    ]),
  };
}

export function signed(points: number): string {
  const text = points.toFixed(1);
  if (Number(text) === 0) return '0.0';
  return text.startsWith('-') ? text.replace('-', '−') : `+${text}`;
}

/** The sentence every verdict needs when there is one seed. */
export function oneSeedNote(seeds: readonly number[]): string {
  return seeds.length < 2 ? ' With one seed there is no spread, so no difference can be judged: rerun with --seeds 3 or more.' : '';
}
