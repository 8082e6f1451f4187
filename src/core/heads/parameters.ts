import type { Random } from '../random';
import { Parameter } from './autograd/tensor';

export interface LinearParameters {
  weight: Parameter;
  bias: Parameter | null;
}

export interface LayerNormParameters {
  gain: Parameter;
  bias: Parameter;
}

/**
 * The named parameters of one head, created in a fixed order from one seeded PRNG so a seed fixes the
 * initial weights. Names are the keys in weights.safetensors.
 */
export class ParameterStore {
  readonly list: Parameter[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly random: Random) {}

  add(name: string, rows: number, cols: number, init: (random: Random) => number, decay: boolean): Parameter {
    if (this.names.has(name)) throw new Error(`parameter ${name} defined twice`);
    this.names.add(name);
    const data = new Float32Array(rows * cols);
    for (let i = 0; i < data.length; i++) data[i] = init(this.random);
    const parameter = new Parameter(name, data, rows, cols, decay);
    this.list.push(parameter);
    return parameter;
  }

  /**
   * A [inputs x outputs] weight and optional bias, both U(−1/√inputs, 1/√inputs) like torch.nn.Linear, so
   * output scales do not grow with width.
   */
  linear(name: string, inputs: number, outputs: number, withBias = true): LinearParameters {
    const bound = 1 / Math.sqrt(inputs);
    const uniform = (random: Random) => (2 * random.next() - 1) * bound;
    const weight = this.add(`${name}.weight`, inputs, outputs, uniform, true);
    const bias = withBias ? this.add(`${name}.bias`, 1, outputs, uniform, false) : null;
    return { weight, bias };
  }

  /** Gain 1 and bias 0, neither decayed (decaying a gain towards 0 would fight the normalisation). */
  layerNorm(name: string, size: number): LayerNormParameters {
    return {
      gain: this.add(`${name}.gain`, 1, size, () => 1, false),
      bias: this.add(`${name}.bias`, 1, size, () => 0, false),
    };
  }

  get count(): number {
    return this.list.reduce((sum, p) => sum + p.size, 0);
  }
}
