import type { Strategy } from '../strategy/definition';

/** The first token's vector: BERT's [CLS]. */
export const cls: Strategy = {
  task: 'sentiment',
  name: 'cls',
  reads: 'top',
  parameters: () => [],
  forward: (ops, tokens) => ({ vectors: ops.segmentFirst(tokens) }),
};
