import type { Parameter } from '../../heads/autograd';
import { argmaxAt } from '../argmax';
import { accumulateRows, COLUMN_GROUP, dotColumns } from './row-kernels';

/**
 * One logistic-regression step without the autograd tape: logits = x W + b over rows gathered from a matrix
 * of fixed vectors, the mean softmax cross-entropy, and its gradients written to W.grad and b.grad — the math
 * of linear → softmaxCrossEntropy → backward, with sums in float64 (the tape rounds to float32 after each
 * op), so the two agree to float32 rounding. The rows are gathered into one buffer so the gradient pass runs
 * four rows at a time; buffers grow to the largest batch seen and are then reused, so a step allocates nothing.
 */
export class LogisticRegressionStep {
  private readonly d: number;
  private readonly k: number;
  /** Logit columns, k padded to whole groups of dotColumns. */
  private readonly c: number;
  /** W's columns, each contiguous (zero padding after the k-th); refreshed per call. */
  private readonly columns: Float64Array;
  /** ∂L/∂W column by column, k padded to an even count (the gradient pass takes two columns at a time). */
  private readonly weightGradColumns: Float64Array;
  private x = new Float32Array(0);
  private labels = new Int32Array(0);
  /** Row by row, c values: the logits, then the probabilities. */
  private logits = new Float64Array(0);
  /** Column by column (even count of columns), over the rows: ∂L/∂z. */
  private logitGradColumns = new Float64Array(0);
  private capacity = 0;

  constructor(
    private readonly weight: Parameter,
    private readonly bias: Parameter,
  ) {
    this.d = weight.rows;
    this.k = weight.cols;
    if (bias.size !== this.k) throw new Error('LogisticRegressionStep: bias and weight shapes differ');
    this.c = Math.ceil(this.k / COLUMN_GROUP) * COLUMN_GROUP;
    this.columns = new Float64Array(this.c * this.d);
    this.weightGradColumns = new Float64Array(evenColumns(this.k) * this.d);
  }

  /**
   * Sets the gradients of the mean loss over rows from[i] .. to[i] − 1 of `vectors` (i < count), whose labels
   * are the same rows of `rowLabels`, and returns the loss.
   */
  gradients(vectors: Float32Array, rowLabels: Int32Array, from: Int32Array, to: Int32Array, count: number): number {
    const { d, k, c } = this;
    let n = 0;
    for (let i = 0; i < count; i++) n += to[i] - from[i];
    if (n === 0) throw new Error('LogisticRegressionStep: empty batch');
    this.reserve(n);
    const { x, labels, logits, logitGradColumns, weightGradColumns } = this;
    let r = 0;
    for (let i = 0; i < count; i++) {
      x.set(vectors.subarray(from[i] * d, to[i] * d), r * d);
      labels.set(rowLabels.subarray(from[i], to[i]), r);
      r += to[i] - from[i];
    }
    this.forward(x, n);
    // ∂(mean loss)/∂z = (softmax(z) − onehot) / n, stored column by column for the gradient pass.
    let total = 0;
    for (let i = 0; i < n; i++) {
      const label = labels[i];
      if (!(label >= 0 && label < k)) throw new Error(`LogisticRegressionStep: label ${label} outside 0..${k - 1}`);
      const o = i * c;
      const logNormalizer = logSumExp(logits, o, k);
      total += logNormalizer - logits[o + label];
      for (let j = 0; j < k; j++) logitGradColumns[j * n + i] = (Math.exp(logits[o + j] - logNormalizer) - (j === label ? 1 : 0)) / n;
    }
    // Two columns per pass; with k odd the last pass's second column is padding, whatever it holds, and unread.
    weightGradColumns.fill(0);
    for (let j = 0; j < k; j += 2) accumulateRows(weightGradColumns, j * d, logitGradColumns, j * n, weightGradColumns, (j + 1) * d, logitGradColumns, (j + 1) * n, x, 0, n, d);
    const weightGrad = this.weight.grad!;
    const biasGrad = this.bias.grad!;
    for (let p = 0; p < d; p++) for (let j = 0; j < k; j++) weightGrad[p * k + j] = weightGradColumns[j * d + p];
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += logitGradColumns[j * n + i];
      biasGrad[j] = sum;
    }
    return total / n;
  }

  /** Argmax of the logits of each of the first `rows` rows of `vectors`. */
  predict(vectors: Float32Array, rows: number): Int32Array {
    this.reserve(rows);
    this.forward(vectors, rows);
    const { k, c, logits } = this;
    const out = new Int32Array(rows);
    for (let i = 0; i < rows; i++) out[i] = argmaxAt(logits, i * c, k);
    return out;
  }

  /** logits row i = b + x_i W, for the first n rows of x. */
  private forward(x: Float32Array, n: number): void {
    const { d, k, c, columns, logits } = this;
    const w = this.weight.data;
    for (let j = 0; j < k; j++) for (let p = 0; p < d; p++) columns[j * d + p] = w[p * k + j];
    const b = this.bias.data;
    for (let i = 0; i < n; i++) {
      dotColumns(x, i * d, columns, c, d, logits, i * c);
      for (let j = 0; j < k; j++) logits[i * c + j] += b[j];
    }
  }

  private reserve(rows: number): void {
    if (this.capacity >= rows) return;
    this.capacity = rows;
    this.x = new Float32Array(rows * this.d);
    this.labels = new Int32Array(rows);
    this.logits = new Float64Array(rows * this.c);
    this.logitGradColumns = new Float64Array(evenColumns(this.k) * rows);
  }
}

function evenColumns(k: number): number {
  return k + (k % 2);
}

/** log Σ_j exp(values[o + j]) over k values, stably. */
export function logSumExp(values: Float64Array, o: number, k: number): number {
  let max = -Infinity;
  for (let j = 0; j < k; j++) if (values[o + j] > max) max = values[o + j];
  let sum = 0;
  for (let j = 0; j < k; j++) sum += Math.exp(values[o + j] - max);
  return max + Math.log(sum);
}
