import type { HeadOps } from '../strategy/ops';
import { layerNormParameters, linearParameters, type ParameterSpec } from '../strategy/parameters';

/** DWAtt's bottleneck ratio: the inner width is half the hidden size. */
export const BOTTLENECK_RATIO = 0.5;

export function bottleneckWidth(hiddenSize: number): number {
  return Math.max(1, Math.round(hiddenSize * BOTTLENECK_RATIO));
}

/**
 * The parameters of f(x) = W·LN(gelu(U·x)), [hidden] → [width] → [hidden]: U and W with biases (as
 * torch.nn.Linear) and the inner layer norm; one per layer output when `layers` is given.
 */
export function bottleneckParameters(name: string, hiddenSize: number, width: number, layers?: number): ParameterSpec[] {
  return [
    ...linearParameters(`${name}.U`, hiddenSize, width, { layers }),
    ...layerNormParameters(`${name}.norm`, width, layers),
    ...linearParameters(`${name}.W`, width, hiddenSize, { layers }),
  ];
}

/** Parameters of one bottleneck. */
export function bottleneckParameterCount(hiddenSize: number, width: number): number {
  return hiddenSize * width + width + 2 * width + width * hiddenSize + hiddenSize;
}

/** f(x) of the bottleneck called `name`, on rows x [rows x hidden]. */
export function bottleneck<V>(ops: HeadOps<V>, name: string, x: V): V {
  const p = (suffix: string) => ops.param(`${name}.${suffix}`);
  const inner = ops.layerNorm(ops.gelu(ops.linear(x, p('U.weight'), p('U.bias'))), p('norm.gain'), p('norm.bias'));
  return ops.linear(inner, p('W.weight'), p('W.bias'));
}

/** f_n(z_n) for every layer n of a stack, each layer with its own bottleneck (the stacked parameters of `name`). */
export function stackedBottleneck<V>(ops: HeadOps<V>, name: string, stack: V): V {
  const p = (suffix: string) => ops.param(`${name}.${suffix}`);
  const up = ops.stackedLinear(stack, p('U.weight'), p('U.bias'));
  const inner = ops.stackedLayerNorm(ops.gelu(up), p('norm.gain'), p('norm.bias'));
  return ops.stackedLinear(inner, p('W.weight'), p('W.bias'));
}
