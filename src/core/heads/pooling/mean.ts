import type { Strategy } from '../strategy/definition';

/** The average of a sentence's token vectors (special tokens included, as the reference protocol does). */
export const mean: Strategy = {
  task: 'sentiment',
  name: 'mean',
  reads: 'top',
  parameters: () => [],
  forward: (ops, tokens) => ({ vectors: ops.segmentMean(tokens) }),
};
