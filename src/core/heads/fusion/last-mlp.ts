import { add } from '../autograd';
import { bottleneckParameterCount, createBottleneck } from './bottleneck';
import { dwattParameterCount } from './dwatt';
import type { FuserFactory, FusionShape } from './types';

/**
 * The width whose residual MLP has the parameter count closest to DWAtt's for the same shape: the
 * count is linear in the width, (2·hidden + 3)·width + hidden, so the best width is a rounding away.
 */
export function matchedMlpWidth(shape: FusionShape): number {
  const target = dwattParameterCount(shape);
  const perUnit = 2 * shape.hiddenSize + 3;
  return Math.max(1, Math.round((target - shape.hiddenSize) / perUnit));
}

/**
 * The "deeper" baseline: z_L plus a residual MLP of DWAtt's form, h = z_L + W·LN(gelu(U·z_L)), its width
 * chosen so it has as many parameters as DWAtt. It sees only the last layer, so any gain of DWAtt over it
 * comes from using the other layers, not from having more weights.
 */
export const createLastMlpFuser: FuserFactory = (shape, parameters) => {
  const transform = createBottleneck(parameters, 'mlp', shape.hiddenSize, matchedMlpWidth(shape));
  return {
    reads: 'top',
    fuse: (tape, layers) => {
      const top = layers[layers.length - 1];
      return { fused: add(tape, top, transform(tape, top)) };
    },
  };
};

export function lastMlpParameterCount(shape: FusionShape): number {
  return bottleneckParameterCount(shape.hiddenSize, matchedMlpWidth(shape));
}
