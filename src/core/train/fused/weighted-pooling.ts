import type { Parameter } from '../../heads/autograd';
import { accumulateRows, COLUMN_GROUP, dotColumns } from './row-kernels';

/** The four parameters of a weighted-pooling head: the token scorer (w, b) and the classifier (W, c). */
export interface WeightedPoolingParameters {
  scoreWeight: Parameter;
  scoreBias: Parameter;
  weight: Parameter;
  bias: Parameter;
}

/**
 * Weighted-pooling training without the autograd tape, sentence by sentence over token rows in place (no
 * gathering): a_t = softmax_t(w·h_t + b), logits z = c + (Σ_t a_t h_t) W, mean softmax cross-entropy, and the
 * gradients of all four parameters. The same math as the tape's linear → segmentSoftmax → segmentWeightedSum →
 * linear → softmaxCrossEntropy, arranged to touch each token row twice instead of eight times:
 * - forward: one pass computes s_t = w·h_t + b and P_t = h_t W (z = c + Σ_t a_t P_t, by linearity), so the
 *   pooled vector is never needed to score;
 * - backward: ∂L/∂a_t = g_z·P_t comes from the kept P_t, ∂L/∂s_t = a_t (∂L/∂a_t − Σ_u a_u ∂L/∂a_u), then one
 *   pass accumulates ∂L/∂w = Σ_t (∂L/∂s_t) h_t and the pooled v = Σ_t a_t h_t for ∂L/∂W = v g_zᵀ.
 * Sums run in float64 (the tape rounds to float32 after each op), so the two agree to float32 rounding.
 * Buffers are sized once; a step allocates nothing.
 */
export class WeightedPoolingStep {
  private readonly d: number;
  private readonly k: number;
  /** Columns per token: 1 + k, padded to whole groups of dotColumns. */
  private readonly c: number;
  /** Column 0 the scorer's w, column 1 + j the classifier's W[:, j], each contiguous; refreshed per call. */
  private readonly columns: Float64Array;
  /** Per token of the current sentence, c values: w·h_t, then P_t = h_t W. */
  private readonly dots: Float64Array;
  /** Per token of the current sentence: its weight a_t. */
  private readonly weights: Float64Array;
  /** Per token of the current sentence: ∂L/∂a_t, then ∂L/∂s_t. */
  private readonly tokenGradients: Float64Array;
  private readonly logits: Float64Array;
  private readonly logitGradients: Float64Array;
  private readonly pooled: Float64Array;
  private readonly scoreWeightGrad: Float64Array;
  private readonly weightGrad: Float64Array;
  private readonly biasGrad: Float64Array;

  constructor(
    private readonly parameters: WeightedPoolingParameters,
    /** The longest sentence, in tokens, this step will see. */
    maxTokens: number,
  ) {
    const d = parameters.weight.rows;
    const k = parameters.weight.cols;
    if (parameters.scoreWeight.size !== d || parameters.scoreBias.size !== 1 || parameters.bias.size !== k) {
      throw new Error('WeightedPoolingStep: parameter shapes do not match');
    }
    this.d = d;
    this.k = k;
    this.c = Math.ceil((1 + k) / COLUMN_GROUP) * COLUMN_GROUP;
    this.columns = new Float64Array(this.c * d);
    this.dots = new Float64Array(maxTokens * this.c);
    this.weights = new Float64Array(maxTokens);
    this.tokenGradients = new Float64Array(maxTokens);
    this.logits = new Float64Array(k);
    this.logitGradients = new Float64Array(k);
    this.pooled = new Float64Array(d);
    this.scoreWeightGrad = new Float64Array(d);
    this.weightGrad = new Float64Array(d * k);
    this.biasGrad = new Float64Array(k);
  }

  /**
   * Sets the gradients of the mean loss over sentences i < count — rows from[i] .. to[i] − 1 of `rows`
   * ([tokens x d]), gold label labels[i] — and returns the loss.
   */
  gradients(rows: Float32Array, from: Int32Array, to: Int32Array, labels: Int32Array, count: number): number {
    if (count === 0) throw new Error('WeightedPoolingStep: empty batch');
    const { d, k, c, dots, weights, tokenGradients, logits, logitGradients, pooled, scoreWeightGrad, weightGrad, biasGrad } = this;
    this.loadColumns();
    scoreWeightGrad.fill(0);
    weightGrad.fill(0);
    biasGrad.fill(0);
    let scoreBiasGrad = 0;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const label = labels[i];
      if (!(label >= 0 && label < k)) throw new Error(`WeightedPoolingStep: label ${label} outside 0..${k - 1}`);
      const start = from[i];
      const tokens = to[i] - start;
      // Mean loss: softmax(z) − onehot, over count.
      const logNormalizer = this.forwardSentence(rows, start, tokens);
      total += logNormalizer - logits[label];
      for (let j = 0; j < k; j++) {
        logitGradients[j] = (Math.exp(logits[j] - logNormalizer) - (j === label ? 1 : 0)) / count;
        biasGrad[j] += logitGradients[j];
      }
      // ∂L/∂a_t = g_z·P_t; ḡ = Σ_t a_t ∂L/∂a_t; ∂L/∂s_t = a_t (∂L/∂a_t − ḡ).
      let mean = 0;
      for (let t = 0; t < tokens; t++) {
        let g = 0;
        for (let j = 0; j < k; j++) g += logitGradients[j] * dots[t * c + 1 + j];
        tokenGradients[t] = g;
        mean += weights[t] * g;
      }
      for (let t = 0; t < tokens; t++) {
        tokenGradients[t] = weights[t] * (tokenGradients[t] - mean);
        scoreBiasGrad += tokenGradients[t];
      }
      pooled.fill(0);
      accumulateRows(scoreWeightGrad, 0, tokenGradients, 0, pooled, 0, weights, 0, rows, start, tokens, d);
      for (let p = 0; p < d; p++) {
        const v = pooled[p];
        for (let j = 0; j < k; j++) weightGrad[p * k + j] += v * logitGradients[j];
      }
    }
    const { scoreWeight, scoreBias, weight, bias } = this.parameters;
    scoreWeight.grad!.set(scoreWeightGrad);
    scoreBias.grad![0] = scoreBiasGrad;
    weight.grad!.set(weightGrad);
    bias.grad!.set(biasGrad);
    return total / count;
  }

  /** Writes the logits of each sentence i < count (rows from[i] .. to[i] − 1) to out[i·k ..]. */
  logitsOf(rows: Float32Array, from: Int32Array, to: Int32Array, count: number, out: Float64Array): void {
    this.loadColumns();
    for (let i = 0; i < count; i++) {
      this.forwardSentence(rows, from[i], to[i] - from[i]);
      out.set(this.logits, i * this.k);
    }
  }

  /** Fills weights (a_t), projections (P_t) and logits for one sentence; returns log Σ_j exp z_j. */
  private forwardSentence(rows: Float32Array, start: number, tokens: number): number {
    const { d, k, c, columns, dots, weights, logits } = this;
    if (tokens <= 0 || tokens > weights.length) throw new Error(`WeightedPoolingStep: a sentence of ${tokens} tokens (at most ${weights.length})`);
    const scoreBias = this.parameters.scoreBias.data[0];
    let max = -Infinity;
    for (let t = 0; t < tokens; t++) {
      dotColumns(rows, (start + t) * d, columns, c, d, dots, t * c);
      const score = scoreBias + dots[t * c];
      weights[t] = score;
      if (score > max) max = score;
    }
    let sum = 0;
    for (let t = 0; t < tokens; t++) {
      weights[t] = Math.exp(weights[t] - max);
      sum += weights[t];
    }
    for (let t = 0; t < tokens; t++) weights[t] /= sum;
    const bias = this.parameters.bias.data;
    let top = -Infinity;
    for (let j = 0; j < k; j++) {
      let z = bias[j];
      for (let t = 0; t < tokens; t++) z += weights[t] * dots[t * c + 1 + j];
      logits[j] = z;
      if (z > top) top = z;
    }
    let normalizer = 0;
    for (let j = 0; j < k; j++) normalizer += Math.exp(logits[j] - top);
    return top + Math.log(normalizer);
  }

  private loadColumns(): void {
    const { d, k, columns } = this;
    columns.set(this.parameters.scoreWeight.data);
    const w = this.parameters.weight.data;
    for (let j = 0; j < k; j++) for (let p = 0; p < d; p++) columns[(1 + j) * d + p] = w[p * k + j];
  }
}
