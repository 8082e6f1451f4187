import { allocLike, type Tape, Tensor } from './tensor';

/** [a | b | ...] along features: every part has the same rows. */
export function concatColumns(tape: Tape, parts: readonly Tensor[]): Tensor {
  if (parts.length === 0) throw new Error('concatColumns: nothing to concatenate');
  const n = parts[0].rows;
  let width = 0;
  for (const p of parts) {
    if (p.rows !== n) throw new Error('concatColumns: parts have different row counts');
    width += p.cols;
  }
  const out = allocLike(parts[0].data, n * width);
  let offset = 0;
  for (const p of parts) {
    const c = p.cols;
    for (let i = 0; i < n; i++) out.set(p.data.subarray(i * c, (i + 1) * c), i * width + offset);
    offset += c;
  }
  const result = tape.output(out, n, width, parts);
  tape.record(result, () => {
    const g = result.grad!;
    let start = 0;
    for (const p of parts) {
      const c = p.cols;
      if (p.grad) {
        for (let i = 0; i < n; i++) {
          const o = i * width + start;
          const r = i * c;
          for (let j = 0; j < c; j++) p.grad[r + j] += g[o + j];
        }
      }
      start += c;
    }
  });
  return result;
}

/**
 * Σ_n w_n ⊙ parts_n over N same-shape [T x d] tensors. weights is [1 x N] (one weight per part, shared by all
 * rows: ScalarMix) or [T x N] (a weight per row and part: DWAtt's α).
 */
export function mixTensors(tape: Tape, parts: readonly Tensor[], weights: Tensor): Tensor {
  const count = parts.length;
  if (count === 0 || weights.cols !== count) throw new Error(`mixTensors: ${weights.cols} weights for ${count} parts`);
  const rows = parts[0].rows;
  const d = parts[0].cols;
  for (const p of parts) if (p.rows !== rows || p.cols !== d) throw new Error('mixTensors: parts differ in shape');
  const perRow = weights.rows !== 1;
  if (perRow && weights.rows !== rows) throw new Error(`mixTensors: weights need 1 or ${rows} rows`);
  const ws = weights.data;
  const out = allocLike(parts[0].data, rows * d);
  for (let n = 0; n < count; n++) {
    const ps = parts[n].data;
    for (let t = 0; t < rows; t++) {
      const w = ws[perRow ? t * count + n : n];
      const o = t * d;
      for (let j = 0; j < d; j++) out[o + j] += w * ps[o + j];
    }
  }
  const result = tape.output(out, rows, d, [...parts, weights]);
  tape.record(result, () => {
    const g = result.grad!;
    for (let n = 0; n < count; n++) {
      const part = parts[n];
      const ps = part.data;
      for (let t = 0; t < rows; t++) {
        const wi = perRow ? t * count + n : n;
        const o = t * d;
        if (part.grad) {
          const w = ws[wi];
          for (let j = 0; j < d; j++) part.grad[o + j] += w * g[o + j];
        }
        if (weights.grad) {
          let dot = 0;
          for (let j = 0; j < d; j++) dot += g[o + j] * ps[o + j];
          weights.grad[wi] += dot;
        }
      }
    }
  });
  return result;
}
