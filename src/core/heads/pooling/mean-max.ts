import type { Strategy } from '../strategy/definition';

/** The mean and the element-wise maximum of a sentence's token vectors, side by side: [mean | max], 2d wide. */
export const meanMax: Strategy = {
  task: 'sentiment',
  name: 'mean+max',
  reads: 'top',
  width: (shape) => 2 * shape.hiddenSize,
  parameters: () => [],
  forward: (ops, tokens) => ({ vectors: ops.concatColumns([ops.segmentMean(tokens), ops.segmentMax(tokens)]) }),
};
