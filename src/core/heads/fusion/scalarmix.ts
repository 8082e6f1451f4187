import { mixTensors, scaleBy, softmaxRows } from '../autograd';
import type { FuserFactory } from './types';

/** ELMo's ScalarMix: h = γ Σ_n softmax(s)_n z_n, with s = 0 (an even mix) and γ = 1 to start. */
export const createScalarMixFuser: FuserFactory = (shape, parameters) => {
  const logits = parameters.add('scalarmix.s', 1, shape.numLayers, () => 0, false);
  const gamma = parameters.add('scalarmix.gamma', 1, 1, () => 1, false);
  return {
    reads: 'all',
    fuse: (tape, layers) => {
      const weights = softmaxRows(tape, logits);
      return { fused: scaleBy(tape, mixTensors(tape, layers, weights), gamma), layerWeights: weights, scale: gamma.data[0] };
    },
  };
};
