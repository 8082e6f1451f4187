import type { Strategy } from '../strategy/definition';

/** The last token's vector: in a causal model (GPT family) the only one that has seen the whole sentence. */
export const last: Strategy = {
  task: 'sentiment',
  name: 'last',
  reads: 'top',
  parameters: () => [],
  forward: (ops, tokens) => ({ vectors: ops.segmentLast(tokens) }),
};
