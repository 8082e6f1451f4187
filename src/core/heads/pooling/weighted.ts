import type { Strategy } from '../strategy/definition';
import { linearParameters } from '../strategy/parameters';

/**
 * Learned weighted sum: a_t = softmax_t(w·h_t + b) within the sentence, pooled = Σ_t a_t h_t. The weights a_t
 * are returned so they can be shown as token highlighting. (b cannot change a softmax over one sentence; it is
 * kept because the strategy is defined with it, and costs one number.)
 */
export const weighted: Strategy = {
  task: 'sentiment',
  name: 'weighted',
  reads: 'top',
  learningRate: 1e-2,
  parameters: (shape) => linearParameters('pooling.score', shape.hiddenSize, 1),
  forward: (ops, tokens) => {
    const scores = ops.linear(tokens, ops.param('pooling.score.weight'), ops.param('pooling.score.bias'));
    const tokenWeights = ops.segmentSoftmax(scores);
    return { vectors: ops.segmentWeightedSum(tokens, tokenWeights), tokenWeights };
  },
};
