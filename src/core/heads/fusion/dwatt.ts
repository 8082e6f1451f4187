import { add, addConstant, elu, layerNorm, linear, matmulTransposed, mixTensors, softmaxRows } from '../autograd';
import { bottleneckParameterCount, bottleneckWidth, createBottleneck } from './bottleneck';
import type { FuserFactory, FusionShape } from './types';

/** Size of the learned depth embedding p_n. */
export const DEPTH_EMBEDDING_SIZE = 24;

/**
 * Depth-Wise Attention: every token attends over its own L + 1 layer outputs.
 *   q = 1 + elu(z_L + f_Q(z_L))                       (positive query)
 *   k_n = W_K p_n, p_n ∈ R^24 learned, init U[0, 1]   (keys depend on depth only; no bias, it would cancel
 *                                                      in the softmax)
 *   v_n = LN_n(f_V,n(z_n))                            (one bottleneck and layer norm per layer)
 *   α_n = softmax_n(q·k_n),  h = z_L + Σ_n α_n v_n
 * with f(x) = W·LN(gelu(U·x)) at bottleneck ratio 0.5. α (tokens × layers) is returned as the layer weights.
 */
export const createDwattFuser: FuserFactory = (shape, parameters) => {
  const { hiddenSize, numLayers } = shape;
  const width = bottleneckWidth(hiddenSize);
  const depth = parameters.add('dwatt.depth', numLayers, DEPTH_EMBEDDING_SIZE, (random) => random.next(), false);
  const keyProjection = parameters.linear('dwatt.key', DEPTH_EMBEDDING_SIZE, hiddenSize, false);
  const queryTransform = createBottleneck(parameters, 'dwatt.query', hiddenSize, width);
  const valueTransforms = Array.from({ length: numLayers }, (_, n) =>
    createBottleneck(parameters, `dwatt.value.${n}`, hiddenSize, width),
  );
  const valueNorms = Array.from({ length: numLayers }, (_, n) => parameters.layerNorm(`dwatt.value.${n}.out`, hiddenSize));
  return {
    reads: 'all',
    fuse: (tape, layers) => {
      const top = layers[numLayers - 1];
      const query = addConstant(tape, elu(tape, add(tape, top, queryTransform(tape, top))), 1);
      const keys = linear(tape, depth, keyProjection.weight, null);
      const alpha = softmaxRows(tape, matmulTransposed(tape, query, keys));
      const values = layers.map((z, n) => layerNorm(tape, valueTransforms[n](tape, z), valueNorms[n].gain, valueNorms[n].bias));
      return { fused: add(tape, top, mixTensors(tape, values, alpha)), layerWeights: alpha };
    },
  };
};

/** DWAtt's parameter count for a shape, without building it (last+mlp is sized to match it). */
export function dwattParameterCount(shape: FusionShape): number {
  const { hiddenSize, numLayers } = shape;
  const bottleneck = bottleneckParameterCount(hiddenSize, bottleneckWidth(hiddenSize));
  return (
    numLayers * DEPTH_EMBEDDING_SIZE +
    DEPTH_EMBEDDING_SIZE * hiddenSize +
    bottleneck +
    numLayers * (bottleneck + 2 * hiddenSize)
  );
}
