import type { HeadShape, Strategy } from '../strategy/definition';
import { bottleneck, bottleneckParameterCount, bottleneckParameters } from './bottleneck';
import { dwattParameterCount } from './dwatt';

/**
 * The width whose residual MLP has the parameter count closest to DWAtt's for the same shape: the count is
 * linear in the width, (2·hidden + 3)·width + hidden, so the best width is a rounding away.
 */
export function matchedMlpWidth(shape: Pick<HeadShape, 'hiddenSize' | 'numLayers'>): number {
  const target = dwattParameterCount(shape);
  const perUnit = 2 * shape.hiddenSize + 3;
  return Math.max(1, Math.round((target - shape.hiddenSize) / perUnit));
}

export function lastMlpParameterCount(shape: Pick<HeadShape, 'hiddenSize' | 'numLayers'>): number {
  return bottleneckParameterCount(shape.hiddenSize, matchedMlpWidth(shape));
}

/**
 * The "deeper" baseline: z_L plus a residual MLP of DWAtt's form, h = z_L + W·LN(gelu(U·z_L)), its width chosen
 * so it has as many parameters as DWAtt. It sees only the last layer, so any gain of DWAtt over it comes from
 * using the other layers, not from having more weights.
 */
export const lastMlp: Strategy = {
  task: 'ner',
  name: 'last+mlp',
  reads: 'top',
  parameters: (shape) => bottleneckParameters('mlp', shape.hiddenSize, matchedMlpWidth(shape)),
  forward: (ops, top) => ({ vectors: ops.add(top, bottleneck(ops, 'mlp', top)) }),
};
