/** Order statistics for benchmark samples: robust to the outliers a shared, noisy machine produces. */

export interface Spread {
  n: number;
  median: number;
  /** Interquartile range, Q3 − Q1. */
  iqr: number;
  /** Median absolute deviation from the median. */
  mad: number;
  min: number;
  max: number;
}

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no samples');
  return [...values].sort((a, b) => a - b);
}

/** The q-quantile (0 ≤ q ≤ 1) with linear interpolation between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  const s = sorted(values);
  const at = (s.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return s[low] + (s[high] - s[low]) * (at - low);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function spread(values: readonly number[]): Spread {
  const s = sorted(values);
  const m = median(s);
  return {
    n: s.length,
    median: m,
    iqr: quantile(s, 0.75) - quantile(s, 0.25),
    mad: median(s.map((v) => Math.abs(v - m))),
    min: s[0],
    max: s[s.length - 1],
  };
}
