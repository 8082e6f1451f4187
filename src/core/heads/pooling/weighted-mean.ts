import type { Strategy } from '../strategy/definition';

/**
 * Position-weighted mean (SGPT; sentence-transformers' `weightedmean`): token t of n weighs t / Σ_{s=1..n} s,
 * so later tokens, which a causal decoder has shown more of the sentence, count more.
 */
export const weightedMean: Strategy = {
  task: 'sentiment',
  name: 'weightedmean',
  reads: 'top',
  parameters: () => [],
  forward: (ops, tokens) => ({ vectors: ops.segmentWeightedSum(tokens, ops.segmentPositionWeights()) }),
};
