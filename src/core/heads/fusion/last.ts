import type { Strategy } from '../strategy/definition';

/** The last layer z_L as it is: the usual probing baseline. */
export const last: Strategy = {
  task: 'ner',
  name: 'last',
  reads: 'top',
  parameters: () => [],
  forward: (_ops, top) => ({ vectors: top }),
};
