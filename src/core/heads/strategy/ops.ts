/**
 * The op vocabulary every strategy's forward math is written in, once. Three interpreters run it:
 * - eager (heads/eager): JavaScript kernels on the autograd tape, the reference the others are tested against;
 * - graph (heads/graph): ONNX nodes, for the inference graph and, differentiated op by op, the training step.
 *
 * `V` is the interpreter's value: a tensor, a stack of per-layer tensors, or a graph edge. Shapes below use
 * rows for tokens (pooling) or words (fusion), d for features, L for the L + 1 layer outputs of a stack.
 */
export interface HeadOps<V> {
  /** The head's parameter `name`, as declared by the strategy (stacked ones are [L x rows x cols]). */
  param(name: string): V;

  /** x W + b, W [in x out], b [1 x out] (or none); x [rows x in]. */
  linear(x: V, weight: V, bias?: V): V;
  /** Layer by layer, z_n W_n + b_n: a stack [L x rows x in] with stacked W [L x in x out] and b [L x 1 x out]. */
  stackedLinear(stack: V, weight: V, bias: V): V;
  /** a bᵀ: [n x k] by [m x k] → [n x m]. */
  matmulTransposed(a: V, b: V): V;

  /** a + b, the same shape. */
  add(a: V, b: V): V;
  /** x + c for a constant c. */
  addConstant(x: V, c: number): V;
  /** s · x for a [1 x 1] value s. */
  scale(x: V, s: V): V;
  /** 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))), element-wise. */
  gelu(x: V): V;
  /** x for x > 0, eˣ − 1 otherwise (α = 1), element-wise. */
  elu(x: V): V;
  /** Softmax of each row (the last axis). */
  softmax(x: V): V;
  /** (x − mean) / √(var + 1e-5) · gain + bias over the last axis of [rows x w], gain and bias [1 x w]. */
  layerNorm(x: V, gain: V, bias: V): V;
  /** layerNorm of each layer n of a stack [L x rows x w] with its own gain_n and bias_n ([L x 1 x w]). */
  stackedLayerNorm(stack: V, gain: V, bias: V): V;
  /** [a | b | …] along features; every part has the same rows. */
  concatColumns(parts: readonly V[]): V;

  /** z_n of a stack: [rows x d]. */
  layer(stack: V, n: number): V;
  /** [z_0; …; z_L] per row: [rows x (L + 1)·d]. */
  concatLayers(stack: V): V;
  /** Σ_n w_n z_n with weights [1 x L+1] (one mix for every row) or [rows x L+1] (one per row). */
  mixLayers(stack: V, weights: V): V;

  /** Per sentence of the batch (rows → sentences): the mean, element-wise max, first and last row. */
  segmentMean(x: V): V;
  segmentMax(x: V): V;
  segmentFirst(x: V): V;
  segmentLast(x: V): V;
  /** Softmax of a score column [rows x 1] within each sentence. */
  segmentSoftmax(scores: V): V;
  /** Σ_t w_t x_t within each sentence, for a weight column w [rows x 1]: [sentences x d]. */
  segmentWeightedSum(x: V, weights: V): V;
  /** Σ_t x_t within each sentence: [sentences x d]. */
  segmentSum(x: V): V;
  /** A constant weight column [rows x 1]: row t (1-based) of an n-row sentence weighs t / Σ_{s=1..n} s. */
  segmentPositionWeights(): V;
}
