import { allocLike, type Tape, Tensor } from './tensor';

/**
 * Segment ops pool variable-length sentences packed one after another into one [N x d] matrix: segment b
 * covers rows offsets[b] .. offsets[b + 1] - 1 (offsets has B + 1 entries, starts at 0, ends at N).
 */
export type Offsets = Int32Array;

function checkOffsets(op: string, x: Tensor, offsets: Offsets): number {
  const segments = offsets.length - 1;
  if (segments < 0 || offsets[0] !== 0 || offsets[segments] !== x.rows) {
    throw new Error(`${op}: offsets must run from 0 to ${x.rows}`);
  }
  for (let b = 0; b < segments; b++) {
    if (offsets[b + 1] <= offsets[b]) throw new Error(`${op}: segment ${b} is empty`);
  }
  return segments;
}

/** Row-wise mean of each segment: [B x d]. */
export function segmentMean(tape: Tape, x: Tensor, offsets: Offsets): Tensor {
  const segments = checkOffsets('segmentMean', x, offsets);
  const d = x.cols;
  const xs = x.data;
  const out = allocLike(xs, segments * d);
  for (let b = 0; b < segments; b++) {
    const o = b * d;
    for (let t = offsets[b]; t < offsets[b + 1]; t++) {
      const r = t * d;
      for (let j = 0; j < d; j++) out[o + j] += xs[r + j];
    }
    const inv = 1 / (offsets[b + 1] - offsets[b]);
    for (let j = 0; j < d; j++) out[o + j] *= inv;
  }
  const result = tape.output(out, segments, d, [x]);
  tape.record(result, () => {
    const g = result.grad!;
    const xg = x.grad!;
    for (let b = 0; b < segments; b++) {
      const o = b * d;
      const inv = 1 / (offsets[b + 1] - offsets[b]);
      for (let t = offsets[b]; t < offsets[b + 1]; t++) {
        const r = t * d;
        for (let j = 0; j < d; j++) xg[r + j] += g[o + j] * inv;
      }
    }
  });
  return result;
}

/** Element-wise max of each segment: [B x d]; the gradient goes to the row that held the max. */
export function segmentMax(tape: Tape, x: Tensor, offsets: Offsets): Tensor {
  const segments = checkOffsets('segmentMax', x, offsets);
  const d = x.cols;
  const xs = x.data;
  const out = allocLike(xs, segments * d);
  const winner = new Int32Array(segments * d);
  for (let b = 0; b < segments; b++) {
    const o = b * d;
    const first = offsets[b];
    for (let j = 0; j < d; j++) {
      out[o + j] = xs[first * d + j];
      winner[o + j] = first;
    }
    for (let t = first + 1; t < offsets[b + 1]; t++) {
      const r = t * d;
      for (let j = 0; j < d; j++) {
        if (xs[r + j] > out[o + j]) {
          out[o + j] = xs[r + j];
          winner[o + j] = t;
        }
      }
    }
  }
  const result = tape.output(out, segments, d, [x]);
  tape.record(result, () => {
    const g = result.grad!;
    const xg = x.grad!;
    for (let i = 0; i < g.length; i++) xg[winner[i] * d + (i % d)] += g[i];
  });
  return result;
}

/** Softmax of a score column [N x 1] within each segment: [N x 1] weights summing to 1 per segment. */
export function segmentSoftmax(tape: Tape, scores: Tensor, offsets: Offsets): Tensor {
  if (scores.cols !== 1) throw new Error('segmentSoftmax: scores must be one column');
  const segments = checkOffsets('segmentSoftmax', scores, offsets);
  const s = scores.data;
  const out = allocLike(s, s.length);
  for (let b = 0; b < segments; b++) {
    let max = -Infinity;
    for (let t = offsets[b]; t < offsets[b + 1]; t++) if (s[t] > max) max = s[t];
    let sum = 0;
    for (let t = offsets[b]; t < offsets[b + 1]; t++) {
      out[t] = Math.exp(s[t] - max);
      sum += out[t];
    }
    for (let t = offsets[b]; t < offsets[b + 1]; t++) out[t] /= sum;
  }
  const result = tape.output(out, scores.rows, 1, [scores]);
  tape.record(result, () => {
    const g = result.grad!;
    const sg = scores.grad!;
    for (let b = 0; b < segments; b++) {
      let dot = 0;
      for (let t = offsets[b]; t < offsets[b + 1]; t++) dot += g[t] * out[t];
      for (let t = offsets[b]; t < offsets[b + 1]; t++) sg[t] += out[t] * (g[t] - dot);
    }
  });
  return result;
}

/** Σ_t w_t x_t within each segment, for weights w [N x 1]: [B x d]. */
export function segmentWeightedSum(tape: Tape, x: Tensor, weights: Tensor, offsets: Offsets): Tensor {
  if (weights.cols !== 1 || weights.rows !== x.rows) throw new Error('segmentWeightedSum: one weight per row');
  const segments = checkOffsets('segmentWeightedSum', x, offsets);
  const d = x.cols;
  const xs = x.data;
  const ws = weights.data;
  const out = allocLike(xs, segments * d);
  for (let b = 0; b < segments; b++) {
    const o = b * d;
    for (let t = offsets[b]; t < offsets[b + 1]; t++) {
      const w = ws[t];
      const r = t * d;
      for (let j = 0; j < d; j++) out[o + j] += w * xs[r + j];
    }
  }
  const result = tape.output(out, segments, d, [x, weights]);
  tape.record(result, () => {
    const g = result.grad!;
    for (let b = 0; b < segments; b++) {
      const o = b * d;
      for (let t = offsets[b]; t < offsets[b + 1]; t++) {
        const r = t * d;
        if (x.grad) {
          const w = ws[t];
          for (let j = 0; j < d; j++) x.grad[r + j] += w * g[o + j];
        }
        if (weights.grad) {
          let dot = 0;
          for (let j = 0; j < d; j++) dot += g[o + j] * xs[r + j];
          weights.grad[t] += dot;
        }
      }
    }
  });
  return result;
}

/** The rows of x at the given indices: [indices.length x d]; the gradient is scattered back. */
export function gatherRows(tape: Tape, x: Tensor, indices: Int32Array): Tensor {
  const d = x.cols;
  const xs = x.data;
  const out = allocLike(xs, indices.length * d);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i];
    if (!(r >= 0 && r < x.rows)) throw new Error(`gatherRows: row ${r} outside 0..${x.rows - 1}`);
    out.set(xs.subarray(r * d, (r + 1) * d), i * d);
  }
  const result = tape.output(out, indices.length, d, [x]);
  tape.record(result, () => {
    const g = result.grad!;
    const xg = x.grad!;
    for (let i = 0; i < indices.length; i++) {
      const r = indices[i] * d;
      const o = i * d;
      for (let j = 0; j < d; j++) xg[r + j] += g[o + j];
    }
  });
  return result;
}
