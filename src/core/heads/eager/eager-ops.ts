import {
  add,
  addConstant,
  concatColumns,
  elu,
  gatherRows,
  gelu,
  layerNorm,
  linear,
  matmulTransposed,
  mixTensors,
  type Parameter,
  scaleBy,
  segmentMax,
  segmentMean,
  segmentSoftmax,
  segmentWeightedSum,
  softmaxRows,
  type Tape,
  Tensor,
} from '../autograd';
import type { HeadOps } from '../strategy/ops';

/** A value of the eager interpreter: a matrix, or a stack of per-layer matrices [z_0, …, z_L]. */
export type EagerValue = Tensor | readonly Tensor[];

/**
 * HeadOps run eagerly by the JavaScript kernels of heads/autograd, recording on a tape: the reference forward
 * and gradients every other interpreter is tested against. Segment ops pool the batch's sentences, `offsets`
 * delimiting their rows.
 */
export class EagerOps implements HeadOps<EagerValue> {
  constructor(
    private readonly tape: Tape,
    private readonly parameters: ReadonlyMap<string, Parameter>,
    private readonly offsets: Int32Array,
  ) {}

  matrix(x: Tensor): EagerValue {
    return x;
  }

  stack(layers: readonly Tensor[]): EagerValue {
    return layers;
  }

  param(name: string): EagerValue {
    const parameter = this.parameters.get(name);
    if (!parameter) throw new Error(`the head has no parameter ${name}`);
    return parameter;
  }

  linear(x: EagerValue, weight: EagerValue, bias?: EagerValue): EagerValue {
    return linear(this.tape, m(x), m(weight), bias === undefined ? null : m(bias));
  }

  stackedLinear(stack: EagerValue, weight: EagerValue, bias: EagerValue): EagerValue {
    const layers = s(stack);
    return layers.map((z, n) => linear(this.tape, z, slice(m(weight), n, layers.length), slice(m(bias), n, layers.length)));
  }

  matmulTransposed(a: EagerValue, b: EagerValue): EagerValue {
    return matmulTransposed(this.tape, m(a), m(b));
  }

  add(a: EagerValue, b: EagerValue): EagerValue {
    return add(this.tape, m(a), m(b));
  }

  addConstant(x: EagerValue, c: number): EagerValue {
    return addConstant(this.tape, m(x), c);
  }

  scale(x: EagerValue, scale: EagerValue): EagerValue {
    return scaleBy(this.tape, m(x), m(scale));
  }

  gelu(x: EagerValue): EagerValue {
    return map(x, (t) => gelu(this.tape, t));
  }

  elu(x: EagerValue): EagerValue {
    return map(x, (t) => elu(this.tape, t));
  }

  softmax(x: EagerValue): EagerValue {
    return softmaxRows(this.tape, m(x));
  }

  layerNorm(x: EagerValue, gain: EagerValue, bias: EagerValue): EagerValue {
    return layerNorm(this.tape, m(x), m(gain), m(bias));
  }

  stackedLayerNorm(stack: EagerValue, gain: EagerValue, bias: EagerValue): EagerValue {
    const layers = s(stack);
    return layers.map((z, n) => layerNorm(this.tape, z, slice(m(gain), n, layers.length), slice(m(bias), n, layers.length)));
  }

  concatColumns(parts: readonly EagerValue[]): EagerValue {
    return concatColumns(this.tape, parts.map(m));
  }

  layer(stack: EagerValue, n: number): EagerValue {
    return s(stack)[n];
  }

  concatLayers(stack: EagerValue): EagerValue {
    return concatColumns(this.tape, s(stack));
  }

  mixLayers(stack: EagerValue, weights: EagerValue): EagerValue {
    return mixTensors(this.tape, s(stack), m(weights));
  }

  segmentMean(x: EagerValue): EagerValue {
    return segmentMean(this.tape, m(x), this.offsets);
  }

  segmentMax(x: EagerValue): EagerValue {
    return segmentMax(this.tape, m(x), this.offsets);
  }

  segmentFirst(x: EagerValue): EagerValue {
    return gatherRows(this.tape, m(x), this.offsets.subarray(0, this.offsets.length - 1));
  }

  segmentLast(x: EagerValue): EagerValue {
    return gatherRows(this.tape, m(x), Int32Array.from(this.offsets.subarray(1), (end) => end - 1));
  }

  segmentSoftmax(scores: EagerValue): EagerValue {
    return segmentSoftmax(this.tape, m(scores), this.offsets);
  }

  segmentWeightedSum(x: EagerValue, weights: EagerValue): EagerValue {
    return segmentWeightedSum(this.tape, m(x), m(weights), this.offsets);
  }

  segmentSum(x: EagerValue): EagerValue {
    const ones = new Tensor(new Float32Array(m(x).rows).fill(1), m(x).rows, 1);
    return segmentWeightedSum(this.tape, m(x), ones, this.offsets);
  }

  segmentPositionWeights(): EagerValue {
    const { offsets } = this;
    const rows = offsets[offsets.length - 1];
    const weights = new Float32Array(rows);
    for (let i = 0; i + 1 < offsets.length; i++) {
      const n = offsets[i + 1] - offsets[i];
      const total = (n * (n + 1)) / 2;
      for (let t = 0; t < n; t++) weights[offsets[i] + t] = (t + 1) / total;
    }
    return new Tensor(weights, rows, 1);
  }
}

/** A head or strategy output's values as tensors (every output of a head is a matrix). */
export function asTensors<O extends object>(output: O): { [K in keyof O]: Tensor } {
  const out: Record<string, Tensor> = {};
  for (const [key, value] of Object.entries(output)) if (value !== undefined) out[key] = m(value as EagerValue);
  return out as { [K in keyof O]: Tensor };
}

function m(value: EagerValue): Tensor {
  if (value instanceof Tensor) return value;
  throw new Error('expected a matrix, got a stack of layers');
}

function s(value: EagerValue): readonly Tensor[] {
  if (value instanceof Tensor) throw new Error('expected a stack of layers, got a matrix');
  return value;
}

function map(value: EagerValue, f: (t: Tensor) => Tensor): EagerValue {
  return value instanceof Tensor ? f(value) : value.map(f);
}

/**
 * Block n of a stacked parameter of `count` blocks, as a view: its values and gradient are the parameter's
 * own memory, so the tape's gradients land in the parameter.
 */
function slice(stacked: Tensor, n: number, count: number): Tensor {
  const rows = stacked.rows / count;
  if (!Number.isInteger(rows)) throw new Error(`a stacked parameter of ${stacked.rows} rows cannot hold ${count} layers`);
  const size = rows * stacked.cols;
  const view = (data: NonNullable<Tensor['grad']>) => data.subarray(n * size, (n + 1) * size);
  return new Tensor(view(stacked.data), rows, stacked.cols, stacked.grad ? view(stacked.grad) : null);
}
