import type { Strategy } from '../strategy/definition';

/**
 * ELMo's ScalarMix (AllenNLP's scalar_mix.py): h = γ Σ_n softmax(s)_n z_n, with s = 0 (an even mix) and γ = 1
 * to start. softmax(s) and γ are returned as the layer weights and scale.
 */
export const scalarmix: Strategy = {
  task: 'ner',
  name: 'scalarmix',
  reads: 'all',
  learningRate: 1e-2,
  parameters: (shape) => [
    { name: 'scalarmix.s', rows: 1, cols: shape.numLayers, init: () => 0, decay: false },
    { name: 'scalarmix.gamma', rows: 1, cols: 1, init: () => 1, decay: false },
  ],
  forward: (ops, layers) => {
    const layerWeights = ops.softmax(ops.param('scalarmix.s'));
    const scale = ops.param('scalarmix.gamma');
    return { vectors: ops.scale(ops.mixLayers(layers, layerWeights), scale), layerWeights, scale };
  },
};
