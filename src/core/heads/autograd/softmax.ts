import { allocLike, type Floats, type Tape, Tensor } from './tensor';

/**
 * Softmax of one row of xs, written to out at the same place; stable (max subtracted). Returns log Σ eˣ.
 * Exported for the trainer's fused steps, which must round exactly as these ops do.
 */
export function softmaxRow(xs: Floats, out: Floats, o: number, k: number): number {
  let max = -Infinity;
  for (let j = 0; j < k; j++) if (xs[o + j] > max) max = xs[o + j];
  let sum = 0;
  for (let j = 0; j < k; j++) {
    const e = Math.exp(xs[o + j] - max);
    out[o + j] = e;
    sum += e;
  }
  for (let j = 0; j < k; j++) out[o + j] /= sum;
  return max + Math.log(sum);
}

/** Softmax over each row. */
export function softmaxRows(tape: Tape, x: Tensor): Tensor {
  const n = x.rows;
  const k = x.cols;
  const out = allocLike(x.data, n * k);
  for (let i = 0; i < n; i++) softmaxRow(x.data, out, i * k, k);
  const result = tape.output(out, n, k, [x]);
  tape.record(result, () => {
    const g = result.grad!;
    const xg = x.grad!;
    for (let i = 0; i < n; i++) {
      const o = i * k;
      let dot = 0;
      for (let j = 0; j < k; j++) dot += g[o + j] * out[o + j];
      for (let j = 0; j < k; j++) xg[o + j] += out[o + j] * (g[o + j] - dot);
    }
  });
  return result;
}

/**
 * Mean cross-entropy of row-wise softmax(logits) against integer labels, fused so the gradient is the
 * numerically clean (p − onehot) / n. Returns a [1 x 1] loss.
 */
export function softmaxCrossEntropy(tape: Tape, logits: Tensor, labels: ArrayLike<number>): Tensor {
  const n = logits.rows;
  const k = logits.cols;
  if (labels.length !== n) throw new Error(`softmaxCrossEntropy: ${n} rows but ${labels.length} labels`);
  if (n === 0) throw new Error('softmaxCrossEntropy: empty batch');
  const probabilities = allocLike(logits.data, n * k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!(label >= 0 && label < k)) throw new Error(`softmaxCrossEntropy: label ${label} outside 0..${k - 1}`);
    const logNormalizer = softmaxRow(logits.data, probabilities, i * k, k);
    total += logNormalizer - logits.data[i * k + label];
  }
  const loss = allocLike(logits.data, 1);
  loss[0] = total / n;
  const result = tape.output(loss, 1, 1, [logits]);
  tape.record(result, () => {
    const scale = result.grad![0] / n;
    const lg = logits.grad!;
    for (let i = 0; i < n; i++) {
      const o = i * k;
      for (let j = 0; j < k; j++) lg[o + j] += scale * (probabilities[o + j] - (j === labels[i] ? 1 : 0));
    }
  });
  return result;
}
