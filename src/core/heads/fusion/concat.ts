import { concatColumns, linear } from '../autograd';
import type { FuserFactory } from './types';

/** h = W [z_0; …; z_L] + b, projecting the concatenated layers back to the hidden size. */
export const createConcatFuser: FuserFactory = (shape, parameters) => {
  const projection = parameters.linear('concat.projection', shape.numLayers * shape.hiddenSize, shape.hiddenSize);
  return {
    reads: 'all',
    fuse: (tape, layers) => ({ fused: linear(tape, concatColumns(tape, layers), projection.weight, projection.bias) }),
  };
};
