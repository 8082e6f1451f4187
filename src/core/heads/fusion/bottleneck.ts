import { gelu, layerNorm, linear, type Tape, type Tensor } from '../autograd';
import type { ParameterStore } from '../parameters';

/** DWAtt's bottleneck ratio: the inner width is half the hidden size. */
export const BOTTLENECK_RATIO = 0.5;

export function bottleneckWidth(hiddenSize: number): number {
  return Math.max(1, Math.round(hiddenSize * BOTTLENECK_RATIO));
}

/** Parameters of one bottleneck: U and W with biases (as torch.nn.Linear) and the inner layer norm. */
export function bottleneckParameterCount(hiddenSize: number, width: number): number {
  return hiddenSize * width + width + 2 * width + width * hiddenSize + hiddenSize;
}

/** f(x) = W·LN(gelu(U·x)), [hidden] → [width] → [hidden]: the transform DWAtt uses for queries and values. */
export function createBottleneck(
  parameters: ParameterStore,
  name: string,
  hiddenSize: number,
  width: number,
): (tape: Tape, x: Tensor) => Tensor {
  const up = parameters.linear(`${name}.U`, hiddenSize, width);
  const norm = parameters.layerNorm(`${name}.norm`, width);
  const down = parameters.linear(`${name}.W`, width, hiddenSize);
  return (tape, x) => {
    const inner = layerNorm(tape, gelu(tape, linear(tape, x, up.weight, up.bias)), norm.gain, norm.bias);
    return linear(tape, inner, down.weight, down.bias);
  };
}
