import type { Strategy } from '../strategy/definition';
import { linearParameters } from '../strategy/parameters';

/** h = W [z_0; …; z_L] + b, projecting the concatenated layers back to the hidden size. */
export const concat: Strategy = {
  task: 'ner',
  name: 'concat',
  reads: 'all',
  parameters: (shape) => linearParameters('concat.projection', shape.numLayers * shape.hiddenSize, shape.hiddenSize),
  forward: (ops, layers) => ({
    vectors: ops.linear(ops.concatLayers(layers), ops.param('concat.projection.weight'), ops.param('concat.projection.bias')),
  }),
};
