import type { Strategy } from '../strategy/definition';

/** The element-wise maximum over a sentence's token vectors. */
export const max: Strategy = {
  task: 'sentiment',
  name: 'max',
  reads: 'top',
  parameters: () => [],
  forward: (ops, tokens) => ({ vectors: ops.segmentMax(tokens) }),
};
