import { studentTQuantile } from './student-t';

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
