import { fSurvival, studentTQuantile } from './distributions';

/** A value over seeds: mean and sample standard deviation (null with fewer than two values: no spread known). */
export interface Spread {
  mean: number;
  std: number | null;
  n: number;
  values: number[];
}

export function spreadOf(values: readonly number[]): Spread {
  const n = values.length;
  const mean = n === 0 ? NaN : values.reduce((a, b) => a + b, 0) / n;
  const std = n < 2 ? null : Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1));
  return { mean, std, n, values: [...values] };
}

/**
 * A paired comparison over seeds: the differences a_i − b_i (same seed, so the same training subset and
 * initialisation stream), their mean and a two-sided t confidence interval. With one pair there is no
 * spread and no interval (low and high are null).
 */
export interface PairedDifference {
  n: number;
  mean: number;
  std: number | null;
  /** The interval's confidence level, e.g. 0.95 (or 1 − 0.05/m after a Bonferroni correction over m tests). */
  confidence: number;
  low: number | null;
  high: number | null;
}

export function pairedDifference(a: readonly number[], b: readonly number[], confidence = 0.95): PairedDifference {
  if (a.length !== b.length) throw new Error(`pairedDifference: ${a.length} values against ${b.length}`);
  const { mean, std, n } = spreadOf(a.map((v, i) => v - b[i]));
  if (std === null) return { n, mean, std, confidence, low: null, high: null };
  const half = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * (std / Math.sqrt(n));
  return { n, mean, std, confidence, low: mean - half, high: mean + half };
}

/** +1 when the interval lies above 0, −1 when below, 0 when it covers 0 or there is none. */
export function signOf(difference: PairedDifference): -1 | 0 | 1 {
  if (difference.low === null || difference.high === null) return 0;
  if (difference.low > 0) return 1;
  if (difference.high < 0) return -1;
  return 0;
}

/** A repeated-measures analysis of variance: F, its degrees of freedom and the p-value. */
export interface AnovaResult {
  f: number;
  df1: number;
  df2: number;
  p: number;
}

/**
 * One-way repeated-measures ANOVA of values[treatment][block] (strategies × seeds: every strategy trained on
 * each seed's subset, so seeds are blocks): does the treatment change the mean beyond the seed-to-seed
 * noise? One F test instead of every pair, so no multiple-comparison penalty. Null with fewer than two
 * treatments or blocks (no error term).
 */
export function repeatedMeasuresAnova(values: readonly (readonly number[])[]): AnovaResult | null {
  const k = values.length;
  const n = k === 0 ? 0 : values[0].length;
  if (k < 2 || n < 2 || values.some((row) => row.length !== n)) return null;
  const grand = values.flat().reduce((a, b) => a + b, 0) / (k * n);
  const treatmentMeans = values.map((row) => row.reduce((a, b) => a + b, 0) / n);
  const blockMeans = Array.from({ length: n }, (_, s) => values.reduce((sum, row) => sum + row[s], 0) / k);
  const total = values.flat().reduce((sum, v) => sum + (v - grand) ** 2, 0);
  const treatment = n * treatmentMeans.reduce((sum, m) => sum + (m - grand) ** 2, 0);
  const blocks = k * blockMeans.reduce((sum, m) => sum + (m - grand) ** 2, 0);
  // Rounding can leave a tiny negative remainder when the error is exactly 0.
  const error = Math.max(0, total - treatment - blocks);
  const df1 = k - 1;
  const df2 = (k - 1) * (n - 1);
  const f = error === 0 ? (treatment > 0 ? Infinity : 0) : treatment / df1 / (error / df2);
  return { f, df1, df2, p: fSurvival(f, df1, df2) };
}
