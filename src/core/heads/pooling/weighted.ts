import { linear, segmentSoftmax, segmentWeightedSum } from '../autograd';
import type { PoolerFactory } from './types';

/**
 * Learned weighted sum: a_t = softmax_t(w·h_t + b) within the sentence, pooled = Σ_t a_t h_t. The weights
 * a_t are returned so they can be shown as token highlighting. (b cannot change a softmax over one
 * sentence; it is kept because the strategy is defined with it, and costs one number.)
 */
export const createWeightedPooler: PoolerFactory = (shape, parameters) => {
  const score = parameters.linear('pooling.score', shape.hiddenSize, 1);
  return {
    pool: (tape, tokens, offsets) => {
      const scores = linear(tape, tokens, score.weight, score.bias);
      const tokenWeights = segmentSoftmax(tape, scores, offsets);
      return { pooled: segmentWeightedSum(tape, tokens, tokenWeights, offsets), tokenWeights };
    },
  };
};
