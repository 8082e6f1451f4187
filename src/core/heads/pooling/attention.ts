import type { Strategy } from '../strategy/definition';
import { linearParameters } from '../strategy/parameters';

/**
 * Attention pooling with a learned query ("Pool Me Wisely"; one head): keys k_t = W_k h_t and values
 * v_t = W_v h_t + b_v, a_t = softmax_t(q · k_t) within the sentence, pooled = Σ_t a_t v_t. The weights a_t are
 * returned to be shown as token highlighting. (q starts at U(±1/√d), which keeps the first scores small, the
 * role the usual 1/√d factor plays. Keys have no bias: q · b_k is the same for every token, so a softmax within
 * the sentence cannot see it and its gradient is 0.)
 */
export const attention: Strategy = {
  task: 'sentiment',
  name: 'attention',
  reads: 'top',
  learningRate: 1e-3,
  parameters: (shape) => [
    ...linearParameters('pooling.key', shape.hiddenSize, shape.hiddenSize, { bias: false }),
    ...linearParameters('pooling.value', shape.hiddenSize, shape.hiddenSize),
    ...linearParameters('pooling.query', shape.hiddenSize, 1, { bias: false }),
  ],
  forward: (ops, tokens) => {
    const keys = ops.linear(tokens, ops.param('pooling.key.weight'));
    const values = ops.linear(tokens, ops.param('pooling.value.weight'), ops.param('pooling.value.bias'));
    const tokenWeights = ops.segmentSoftmax(ops.linear(keys, ops.param('pooling.query.weight')));
    return { vectors: ops.segmentWeightedSum(values, tokenWeights), tokenWeights };
  },
};
