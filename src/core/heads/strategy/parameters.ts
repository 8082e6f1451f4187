import type { Random } from '../../random';
import { Parameter } from '../autograd/tensor';

/**
 * One parameter a strategy declares. A stacked parameter holds one [rows x cols] block per layer output, in
 * one array (so the graph takes it as one [layers x rows x cols] tensor); on disk each block is its own tensor,
 * named with `*` replaced by the layer index.
 */
export interface ParameterSpec {
  name: string;
  rows: number;
  cols: number;
  layers?: number;
  /** Draws one initial value. */
  init: (random: Random) => number;
  /** Whether AdamW's weight decay applies (weight matrices yes; biases, gains, mixes no). */
  decay: boolean;
}

/**
 * A [inputs x outputs] weight and a [1 x outputs] bias, both U(−1/√inputs, 1/√inputs) like torch.nn.Linear, so
 * output scales do not grow with width. Stacked over `layers` when given.
 */
export function linearParameters(name: string, inputs: number, outputs: number, options: { bias?: boolean; layers?: number } = {}): ParameterSpec[] {
  const bound = 1 / Math.sqrt(inputs);
  const init = (random: Random) => (2 * random.next() - 1) * bound;
  const { layers } = options;
  const weight: ParameterSpec = { name: `${name}.weight`, rows: inputs, cols: outputs, layers, init, decay: true };
  return options.bias === false ? [weight] : [weight, { name: `${name}.bias`, rows: 1, cols: outputs, layers, init, decay: false }];
}

/** Gain 1 and bias 0, neither decayed (decaying a gain towards 0 would fight the normalisation). */
export function layerNormParameters(name: string, size: number, layers?: number): ParameterSpec[] {
  return [
    { name: `${name}.gain`, rows: 1, cols: size, layers, init: () => 1, decay: false },
    { name: `${name}.bias`, rows: 1, cols: size, layers, init: () => 0, decay: false },
  ];
}

/** Values of a spec: rows x cols, times its layers. */
export function specSize(spec: ParameterSpec): number {
  return (spec.layers ?? 1) * spec.rows * spec.cols;
}

/** The names a spec is saved under: itself, or one per layer for a stacked spec. */
export function savedNames(spec: ParameterSpec): string[] {
  if (spec.layers === undefined) return [spec.name];
  return Array.from({ length: spec.layers }, (_, n) => spec.name.replace('*', String(n)));
}

/**
 * Creates the parameters of `specs` in order from one seeded PRNG, so a seed fixes the initial weights. A
 * stacked spec becomes one Parameter of (layers · rows) x cols.
 */
export function createParameters(specs: readonly ParameterSpec[], random: Random): Parameter[] {
  const names = new Set<string>();
  return specs.map((spec) => {
    if (names.has(spec.name)) throw new Error(`parameter ${spec.name} declared twice`);
    names.add(spec.name);
    const data = new Float32Array(specSize(spec));
    for (let i = 0; i < data.length; i++) data[i] = spec.init(random);
    return new Parameter(spec.name, data, (spec.layers ?? 1) * spec.rows, spec.cols, spec.decay);
  });
}
