import type { HeadOps } from '../strategy/ops';
import type { GraphBuilder } from './graph-builder';

/** Matches heads/autograd/layer-norm.ts. */
const LAYER_NORM_EPSILON = 1e-5;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_CUBIC = 0.044715;

/**
 * A tensor of the graph: its edge name and what is known of its shape. A matrix is [rows x cols], a stack
 * [layers x rows x cols]; cols (and a stack's layers) are always known, rows only when fixed (parameters, one
 * global mix). `grad` says whether the loss's gradient flows into it (it depends on a trained parameter).
 */
export interface GraphValue {
  readonly name: string;
  readonly cols: number;
  readonly rows?: number;
  readonly layers?: number;
  readonly grad: boolean;
}

/** The graph inputs describing how a batch's token rows form sentences (for the segment ops). */
export interface SegmentInputs {
  /** [sentences x rows] float: 1 where the row belongs to the sentence, else 0. */
  membership: string;
  /** int64 [sentences]: each sentence's first and last row. */
  first: string;
  last: string;
}

type Backward = (dy: string) => (string | undefined)[];

interface Recorded {
  inputs: GraphValue[];
  output: GraphValue;
  backward: Backward;
}

/**
 * HeadOps that write ONNX nodes. Each op also records its vector-Jacobian product, so once the forward is
 * written, `gradients` emits the backward pass as ordinary ONNX nodes (reverse-mode differentiation over the
 * op vocabulary). The formulas are those of the eager kernels in heads/autograd, which the tests compare.
 */
export class GraphOps implements HeadOps<GraphValue> {
  private readonly tape: Recorded[] = [];
  /** Floats per batch row of every value the forward made whose size grows with the rows (a memory estimate). */
  activationsPerRow = 0;

  constructor(
    private readonly g: GraphBuilder,
    private readonly parameter: (name: string) => GraphValue,
    private readonly segments: () => SegmentInputs,
  ) {}

  param(name: string): GraphValue {
    return this.parameter(name);
  }

  linear(x: GraphValue, weight: GraphValue, bias?: GraphValue): GraphValue {
    const { g } = this;
    const product = g.op('MatMul', [x.name, weight.name]);
    const inputs = bias ? [x, weight, bias] : [x, weight];
    const y = this.value(bias ? g.op('Add', [product, bias.name]) : product, inputs, { cols: weight.cols, rows: x.rows });
    this.record(y, inputs, (dy) => [
      x.grad ? g.op('Gemm', [dy, weight.name], { transB: 1 }) : undefined,
      weight.grad ? g.op('Gemm', [x.name, dy], { transA: 1 }) : undefined,
      bias?.grad ? g.op('ReduceSum', [dy, g.ints([0])], { keepdims: 1 }) : undefined,
    ]);
    return y;
  }

  stackedLinear(stack: GraphValue, weight: GraphValue, bias: GraphValue): GraphValue {
    const { g } = this;
    const y = this.value(g.op('Add', [g.op('MatMul', [stack.name, weight.name]), bias.name]), [stack, weight, bias], { cols: weight.cols, layers: stack.layers });
    this.record(y, [stack, weight, bias], (dy) => [
      stack.grad ? g.op('MatMul', [dy, transposeLast(g, weight.name)]) : undefined,
      weight.grad ? g.op('MatMul', [transposeLast(g, stack.name), dy]) : undefined,
      bias.grad ? g.op('ReduceSum', [dy, g.ints([1])], { keepdims: 1 }) : undefined,
    ]);
    return y;
  }

  matmulTransposed(a: GraphValue, b: GraphValue): GraphValue {
    const { g } = this;
    const y = this.value(g.op('Gemm', [a.name, b.name], { transB: 1 }), [a, b], { cols: b.rows ?? unknownRows('matmulTransposed'), rows: a.rows });
    this.record(y, [a, b], (dy) => [
      a.grad ? g.op('MatMul', [dy, b.name]) : undefined,
      b.grad ? g.op('Gemm', [dy, a.name], { transA: 1 }) : undefined,
    ]);
    return y;
  }

  add(a: GraphValue, b: GraphValue): GraphValue {
    const y = this.value(this.g.op('Add', [a.name, b.name]), [a, b], a);
    this.record(y, [a, b], (dy) => [dy, dy]);
    return y;
  }

  addConstant(x: GraphValue, c: number): GraphValue {
    const y = this.value(this.g.op('Add', [x.name, this.g.scalar(c)]), [x], x);
    this.record(y, [x], (dy) => [dy]);
    return y;
  }

  scale(x: GraphValue, s: GraphValue): GraphValue {
    const { g } = this;
    const y = this.value(g.op('Mul', [x.name, s.name]), [x, s], x);
    this.record(y, [x, s], (dy) => [
      x.grad ? g.op('Mul', [dy, s.name]) : undefined,
      s.grad ? g.op('ReduceSum', [g.op('Mul', [dy, x.name])], { keepdims: 1 }) : undefined,
    ]);
    return y;
  }

  gelu(x: GraphValue): GraphValue {
    const { g } = this;
    const y = this.value(g.op('Gelu', [x.name], { approximate: 'tanh' }), [x], x);
    // d/dx 0.5 x (1 + t), t = tanh(c (x + k x³)): 0.5 (1 + t) + 0.5 x (1 − t²) c (1 + 3k x²).
    this.record(y, [x], (dy) => {
      const square = g.op('Mul', [x.name, x.name]);
      const inner = g.op('Mul', [x.name, g.op('Add', [g.scalar(1), g.op('Mul', [square, g.scalar(GELU_CUBIC)])])]);
      const t = g.op('Tanh', [g.op('Mul', [inner, g.scalar(SQRT_2_OVER_PI)])]);
      const outer = g.op('Mul', [g.op('Add', [t, g.scalar(1)]), g.scalar(0.5)]);
      const slope = g.op('Mul', [g.op('Add', [g.op('Mul', [square, g.scalar(3 * GELU_CUBIC)]), g.scalar(1)]), g.scalar(0.5 * SQRT_2_OVER_PI)]);
      const curve = g.op('Mul', [g.op('Mul', [x.name, g.op('Sub', [g.scalar(1), g.op('Mul', [t, t])])]), slope]);
      return [g.op('Mul', [dy, g.op('Add', [outer, curve])])];
    });
    return y;
  }

  elu(x: GraphValue): GraphValue {
    const { g } = this;
    const y = this.value(g.op('Elu', [x.name], { alpha: { float: 1 } }), [x], x);
    this.record(y, [x], (dy) => [g.op('Mul', [dy, g.op('Where', [g.op('Greater', [x.name, g.scalar(0)]), g.scalar(1), g.op('Add', [y.name, g.scalar(1)])])])]);
    return y;
  }

  softmax(x: GraphValue): GraphValue {
    const y = this.value(this.g.op('Softmax', [x.name], { axis: -1 }), [x], x);
    this.record(y, [x], (dy) => [softmaxBackward(this.g, y.name, dy, -1)]);
    return y;
  }

  layerNorm(x: GraphValue, gain: GraphValue, bias: GraphValue): GraphValue {
    return this.normalize(x, gain, bias, 0);
  }

  stackedLayerNorm(stack: GraphValue, gain: GraphValue, bias: GraphValue): GraphValue {
    return this.normalize(stack, gain, bias, 1);
  }

  concatColumns(parts: readonly GraphValue[]): GraphValue {
    const { g } = this;
    const widths = parts.map((p) => p.cols);
    const y = this.value(g.op('Concat', parts.map((p) => p.name), { axis: -1 }), [...parts], { cols: widths.reduce((a, b) => a + b, 0), rows: parts[0].rows });
    this.record(y, [...parts], (dy) => g.opWithOutputs('Split', [dy, g.ints(widths)], parts.length, { axis: -1 }));
    return y;
  }

  layer(stack: GraphValue, n: number): GraphValue {
    const { g } = this;
    const y = this.value(g.op('Gather', [stack.name, g.ints([n], [])], { axis: 0 }), [stack], { cols: stack.cols });
    const count = layersOf(stack);
    this.record(y, [stack], (dy) => [g.op('Pad', [g.op('Unsqueeze', [dy, g.ints([0])]), g.ints([n, 0, 0, count - 1 - n, 0, 0])])]);
    return y;
  }

  concatLayers(stack: GraphValue): GraphValue {
    const { g } = this;
    const count = layersOf(stack);
    // [layers x rows x d] → [rows x layers·d]: each row is [z_0; …; z_L].
    const y = this.value(g.op('Reshape', [g.op('Transpose', [stack.name], { perm: [1, 0, 2] }), g.ints([0, count * stack.cols])]), [stack], { cols: count * stack.cols });
    this.record(y, [stack], (dy) => [g.op('Transpose', [g.op('Reshape', [dy, g.ints([0, count, stack.cols])])], { perm: [1, 0, 2] })]);
    return y;
  }

  mixLayers(stack: GraphValue, weights: GraphValue): GraphValue {
    const { g } = this;
    // weights [rows x layers] (or [1 x layers]) → [layers x rows x 1], to weigh each layer's rows.
    const perLayer = g.op('Unsqueeze', [g.op('Transpose', [weights.name]), g.ints([2])]);
    const y = this.value(g.op('ReduceSum', [g.op('Mul', [stack.name, perLayer]), g.ints([0])], { keepdims: 0 }), [stack, weights], { cols: stack.cols });
    this.record(y, [stack, weights], (dy) => {
      const spread = g.op('Unsqueeze', [dy, g.ints([0])]);
      let dWeights: string | undefined;
      if (weights.grad) {
        const perRow = g.op('Mul', [stack.name, spread]);
        dWeights =
          weights.rows === 1
            ? g.op('Reshape', [g.op('ReduceSum', [perRow, g.ints([1, 2])], { keepdims: 0 }), g.ints([1, -1])])
            : g.op('Transpose', [g.op('ReduceSum', [perRow, g.ints([2])], { keepdims: 0 })]);
      }
      return [stack.grad ? g.op('Mul', [spread, perLayer]) : undefined, dWeights];
    });
    return y;
  }

  segmentMean(x: GraphValue): GraphValue {
    const { g } = this;
    const { membership } = this.segments();
    const weights = g.op('Div', [membership, g.op('ReduceSum', [membership, g.ints([1])], { keepdims: 1 })]);
    const y = this.value(g.op('MatMul', [weights, x.name]), [x], { cols: x.cols });
    this.record(y, [x], (dy) => [g.op('Gemm', [weights, dy], { transA: 1 })]);
    return y;
  }

  segmentMax(x: GraphValue): GraphValue {
    const { g } = this;
    const { membership } = this.segments();
    // [sentences x rows x d]: the rows of each sentence, −∞ elsewhere.
    const inside = g.op('Unsqueeze', [g.op('Greater', [membership, g.scalar(0)]), g.ints([2])]);
    const masked = g.op('Where', [inside, g.op('Unsqueeze', [x.name, g.ints([0])]), g.scalar(-Infinity)]);
    const y = this.value(g.op('ReduceMax', [masked, g.ints([1])], { keepdims: 0 }), [x], { cols: x.cols });
    // The gradient goes to the rows that hold the maximum.
    this.record(y, [x], (dy) => {
      const winners = g.op('Cast', [g.op('Equal', [masked, g.op('Unsqueeze', [y.name, g.ints([1])])])], { to: FLOAT });
      return [g.op('ReduceSum', [g.op('Mul', [winners, g.op('Unsqueeze', [dy, g.ints([1])])]), g.ints([0])], { keepdims: 0 })];
    });
    return y;
  }

  segmentFirst(x: GraphValue): GraphValue {
    return this.gatherRows(x, this.segments().first);
  }

  segmentLast(x: GraphValue): GraphValue {
    return this.gatherRows(x, this.segments().last);
  }

  segmentSoftmax(scores: GraphValue): GraphValue {
    const { g } = this;
    const { membership } = this.segments();
    const inside = g.op('Greater', [membership, g.scalar(0)]);
    const masked = g.op('Where', [inside, g.op('Reshape', [scores.name, g.ints([1, -1])]), g.scalar(-Infinity)]);
    const perSentence = g.op('Softmax', [masked], { axis: -1 });
    // Every row belongs to one sentence, so summing over sentences picks its weight.
    const y = this.value(g.op('Reshape', [g.op('ReduceSum', [perSentence, g.ints([0])], { keepdims: 1 }), g.ints([-1, 1])]), [scores], { cols: 1 });
    this.record(y, [scores], (dy) => {
      const spread = g.op('Mul', [membership, g.op('Reshape', [dy, g.ints([1, -1])])]);
      const dMasked = softmaxBackward(g, perSentence, spread, -1);
      return [g.op('Reshape', [g.op('ReduceSum', [dMasked, g.ints([0])], { keepdims: 1 }), g.ints([-1, 1])])];
    });
    return y;
  }

  segmentWeightedSum(x: GraphValue, weights: GraphValue): GraphValue {
    const { g } = this;
    const { membership } = this.segments();
    const perSentence = g.op('Mul', [membership, g.op('Reshape', [weights.name, g.ints([1, -1])])]);
    const y = this.value(g.op('MatMul', [perSentence, x.name]), [x, weights], { cols: x.cols });
    this.record(y, [x, weights], (dy) => [
      x.grad ? g.op('Gemm', [perSentence, dy], { transA: 1 }) : undefined,
      weights.grad
        ? g.op('Reshape', [g.op('ReduceSum', [g.op('Mul', [g.op('Gemm', [dy, x.name], { transB: 1 }), membership]), g.ints([0])], { keepdims: 1 }), g.ints([-1, 1])])
        : undefined,
    ]);
    return y;
  }

  segmentSum(x: GraphValue): GraphValue {
    const { g } = this;
    const { membership } = this.segments();
    const y = this.value(g.op('MatMul', [membership, x.name]), [x], { cols: x.cols });
    this.record(y, [x], (dy) => [g.op('Gemm', [membership, dy], { transA: 1 })]);
    return y;
  }

  segmentPositionWeights(): GraphValue {
    const { g } = this;
    const { membership } = this.segments();
    // Each sentence's running count of its rows is the rows' 1-based positions (0 outside the sentence).
    const positions = g.op('Mul', [g.op('CumSum', [membership, g.ints([1], [])]), membership]);
    const weights = g.op('Div', [positions, g.op('ReduceSum', [positions, g.ints([1])], { keepdims: 1 })]);
    return this.value(g.op('Reshape', [g.op('ReduceSum', [weights, g.ints([0])], { keepdims: 1 }), g.ints([-1, 1])]), [], { cols: 1 });
  }

  /**
   * The gradients of a scalar loss with respect to every value that needs one, given the gradient `seed` of
   * some values (the logits): each recorded op's vector-Jacobian product, in reverse order, summed where a
   * value feeds several ops. Returns the summed gradient edge of each value name.
   */
  gradients(seed: ReadonlyMap<GraphValue, string>): Map<string, string> {
    const parts = new Map<string, string[]>();
    const add = (name: string, grad: string) => {
      const list = parts.get(name);
      if (list) list.push(grad);
      else parts.set(name, [grad]);
    };
    for (const [value, grad] of seed) add(value.name, grad);
    const total = (name: string): string | undefined => {
      const list = parts.get(name);
      if (!list) return undefined;
      const sum = list.length === 1 ? list[0] : this.g.op('Sum', list);
      parts.set(name, [sum]);
      return sum;
    };
    for (let i = this.tape.length - 1; i >= 0; i--) {
      const { inputs, output, backward } = this.tape[i];
      const dy = total(output.name);
      if (dy === undefined) continue;
      backward(dy).forEach((grad, k) => {
        if (grad !== undefined && inputs[k].grad) add(inputs[k].name, grad);
      });
    }
    const sums = new Map<string, string>();
    for (const name of parts.keys()) sums.set(name, total(name)!);
    return sums;
  }

  /** layerNorm over the last axis; `affineAxis` is where gain and bias are shared (rows: 0, a stack's rows: 1). */
  private normalize(x: GraphValue, gain: GraphValue, bias: GraphValue, affineAxis: number): GraphValue {
    const { g } = this;
    const width = x.cols;
    const inputs = [x, gain, bias];
    const differentiated = inputs.some((v) => v.grad);
    const unit = [g.constant(new Float32Array(width).fill(1), [width], 'ones'), g.constant(new Float32Array(width), [width], 'zeros')];
    const [normalized, , inverseStd] = g.opWithOutputs('LayerNormalization', [x.name, ...unit], differentiated ? 3 : 1, {
      axis: -1,
      epsilon: { float: LAYER_NORM_EPSILON },
    });
    const y = this.value(g.op('Add', [g.op('Mul', [normalized, gain.name]), bias.name]), inputs, x);
    this.record(y, inputs, (dy) => {
      const shared = g.ints([affineAxis]);
      let dx: string | undefined;
      if (x.grad) {
        // dx = (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ⊙ x̂)) / σ, with dx̂ = dy ⊙ gain.
        const dNormalized = g.op('Mul', [dy, gain.name]);
        const meanGrad = g.op('ReduceMean', [dNormalized, g.ints([-1])], { keepdims: 1 });
        const meanProjection = g.op('ReduceMean', [g.op('Mul', [dNormalized, normalized]), g.ints([-1])], { keepdims: 1 });
        const centered = g.op('Sub', [g.op('Sub', [dNormalized, meanGrad]), g.op('Mul', [normalized, meanProjection])]);
        dx = g.op('Mul', [centered, inverseStd]);
      }
      return [
        dx,
        gain.grad ? g.op('ReduceSum', [g.op('Mul', [dy, normalized]), shared], { keepdims: 1 }) : undefined,
        bias.grad ? g.op('ReduceSum', [dy, shared], { keepdims: 1 }) : undefined,
      ];
    });
    return y;
  }

  /** Rows of x at int64 indices; the gradient is scattered back through a one-hot [indices x rows] product. */
  private gatherRows(x: GraphValue, indices: string): GraphValue {
    const { g } = this;
    const y = this.value(g.op('Gather', [x.name, indices], { axis: 0 }), [x], { cols: x.cols });
    this.record(y, [x], (dy) => {
      const rows = g.op('Shape', [x.name], { start: 0, end: 1 });
      const select = g.op('OneHot', [indices, rows, g.constant([0, 1], [2], 'off_on')], { axis: -1 });
      return [g.op('Gemm', [select, dy], { transA: 1 })];
    });
    return y;
  }

  private value(name: string, inputs: readonly GraphValue[], shape: Pick<GraphValue, 'cols' | 'rows' | 'layers'>): GraphValue {
    if (shape.rows === undefined) this.activationsPerRow += (shape.layers ?? 1) * shape.cols;
    return { name, cols: shape.cols, rows: shape.rows, layers: shape.layers, grad: inputs.some((v) => v.grad) };
  }

  private record(output: GraphValue, inputs: GraphValue[], backward: Backward): void {
    if (output.grad) this.tape.push({ inputs, output, backward });
  }
}

/** ONNX's float element type, for Cast. */
const FLOAT = 1;

/** dx of y = softmax(x) along `axis`: y ⊙ (dy − Σ dy ⊙ y). */
function softmaxBackward(g: GraphBuilder, y: string, dy: string, axis: number): string {
  return g.op('Mul', [y, g.op('Sub', [dy, g.op('ReduceSum', [g.op('Mul', [dy, y]), g.ints([axis])], { keepdims: 1 })])]);
}

/** Swaps the last two axes of a stack. */
function transposeLast(g: GraphBuilder, stack: string): string {
  return g.op('Transpose', [stack], { perm: [0, 2, 1] });
}

function layersOf(stack: GraphValue): number {
  if (stack.layers === undefined) throw new Error('expected a stack of layers, got a matrix');
  return stack.layers;
}

function unknownRows(op: string): never {
  throw new Error(`${op}: the second operand's rows must be fixed (a parameter)`);
}
