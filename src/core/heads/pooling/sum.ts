import type { Strategy } from '../strategy/definition';

/** The sum of a sentence's token vectors (special tokens included): a mean that keeps the length. */
export const sum: Strategy = {
  task: 'sentiment',
  name: 'sum',
  reads: 'top',
  parameters: () => [],
  forward: (ops, tokens) => ({ vectors: ops.segmentSum(tokens) }),
};
