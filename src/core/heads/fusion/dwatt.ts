import type { HeadShape, Strategy } from '../strategy/definition';
import { layerNormParameters, linearParameters } from '../strategy/parameters';
import { bottleneck, bottleneckParameterCount, bottleneckParameters, bottleneckWidth, stackedBottleneck } from './bottleneck';

/** Size of the learned depth embedding p_n. */
export const DEPTH_EMBEDDING_SIZE = 24;

/**
 * Depth-Wise Attention: every word attends over its own L + 1 layer outputs.
 *   q = 1 + elu(z_L + f_Q(z_L))                       (positive query)
 *   k_n = W_K p_n, p_n ∈ R^24 learned, init U[0, 1]   (keys depend on depth only; no bias, it would cancel in
 *                                                      the softmax)
 *   v_n = LN_n(f_V,n(z_n))                            (one bottleneck and layer norm per layer)
 *   α_n = softmax_n(q·k_n),  h = z_L + Σ_n α_n v_n
 * with f(x) = W·LN(gelu(U·x)) at bottleneck ratio 0.5. α (words × layers) is returned as the layer weights.
 */
export const dwatt: Strategy = {
  task: 'ner',
  name: 'dwatt',
  reads: 'all',
  parameters: ({ hiddenSize: d, numLayers }) => {
    const width = bottleneckWidth(d);
    return [
      { name: 'dwatt.depth', rows: numLayers, cols: DEPTH_EMBEDDING_SIZE, init: (random) => random.next(), decay: false },
      ...linearParameters('dwatt.key', DEPTH_EMBEDDING_SIZE, d, { bias: false }),
      ...bottleneckParameters('dwatt.query', d, width),
      ...bottleneckParameters('dwatt.value.*', d, width, numLayers),
      ...layerNormParameters('dwatt.value.*.out', d, numLayers),
    ];
  },
  forward: (ops, layers, { numLayers }) => {
    const top = ops.layer(layers, numLayers - 1);
    const query = ops.addConstant(ops.elu(ops.add(top, bottleneck(ops, 'dwatt.query', top))), 1);
    const keys = ops.linear(ops.param('dwatt.depth'), ops.param('dwatt.key.weight'));
    const alpha = ops.softmax(ops.matmulTransposed(query, keys));
    const values = ops.stackedLayerNorm(stackedBottleneck(ops, 'dwatt.value.*', layers), ops.param('dwatt.value.*.out.gain'), ops.param('dwatt.value.*.out.bias'));
    return { vectors: ops.add(top, ops.mixLayers(values, alpha)), layerWeights: alpha };
  },
};

/** DWAtt's parameter count for a shape, without building it (last+mlp is sized to match it). */
export function dwattParameterCount({ hiddenSize, numLayers }: Pick<HeadShape, 'hiddenSize' | 'numLayers'>): number {
  const bottleneck = bottleneckParameterCount(hiddenSize, bottleneckWidth(hiddenSize));
  return numLayers * DEPTH_EMBEDDING_SIZE + DEPTH_EMBEDDING_SIZE * hiddenSize + bottleneck + numLayers * (bottleneck + 2 * hiddenSize);
}
