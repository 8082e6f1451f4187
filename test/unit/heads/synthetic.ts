import { Tensor } from '../../../src/core/heads/autograd';
import type { HeadBatch } from '../../../src/core/heads/head';
import { Random } from '../../../src/core/random';

/** A deterministic batch of `lengths.length` sentences with `layers` layers of N(0, 1) rows, in float64 or float32. */
export function syntheticBatch(lengths: readonly number[], layers: number, hidden: number, seed: number, float64: boolean): HeadBatch {
  const random = new Random(seed);
  const offsets = new Int32Array(lengths.length + 1);
  lengths.forEach((n, i) => (offsets[i + 1] = offsets[i] + n));
  const rows = offsets[lengths.length];
  const make = () => {
    const data = float64 ? new Float64Array(rows * hidden) : new Float32Array(rows * hidden);
    for (let i = 0; i < data.length; i++) data[i] = random.normal();
    return new Tensor(data, rows, hidden);
  };
  return { layers: Array.from({ length: layers }, make), offsets };
}

export function syntheticLabels(count: number, labels: number, seed: number): Int32Array {
  const random = new Random(seed);
  return Int32Array.from({ length: count }, () => random.int(labels));
}
