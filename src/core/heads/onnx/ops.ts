import type { Tensor } from '../autograd';
import type { GraphBuilder } from './graph-builder';

/**
 * The autograd ops the heads use, as ONNX nodes with the same math (each mirrors the function of the same
 * name in heads/autograd). Tensors named here are strings: graph edges.
 */

/** Matches heads/autograd/layer-norm.ts. */
const LAYER_NORM_EPSILON = 1e-5;

/** x W + b with W stored [inputs x outputs], as autograd's linear. */
export function linear(g: GraphBuilder, x: string, weight: Tensor, bias: Tensor | null): string {
  const product = g.op('MatMul', [x, g.constant(weight.data, [weight.rows, weight.cols], 'weight')]);
  return bias ? g.op('Add', [product, g.constant(bias.data, [bias.size], 'bias')]) : product;
}

/** GELU in the tanh form of autograd's gelu, 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))): ONNX's approximate form. */
export function gelu(g: GraphBuilder, x: string): string {
  return g.op('Gelu', [x], { approximate: 'tanh' });
}

/** Layer normalisation over the last axis with a learned gain and bias, as autograd's layerNorm. */
export function layerNorm(g: GraphBuilder, x: string, gain: Tensor, bias: Tensor): string {
  return g.op('LayerNormalization', [x, g.constant(gain.data, [gain.size], 'gain'), g.constant(bias.data, [bias.size], 'bias')], {
    axis: -1,
    epsilon: { float: LAYER_NORM_EPSILON },
  });
}

/**
 * Layer normalisation of a stack [N x rows x width] with gain n and bias n for slice n (DWAtt's per-layer
 * norms run as one node): normalise without affine, then scale and shift slice by slice.
 */
export function stackedLayerNorm(g: GraphBuilder, x: string, gains: readonly Tensor[], biases: readonly Tensor[]): string {
  const width = gains[0].size;
  const ones = g.constant(new Float32Array(width).fill(1), [width], 'ones');
  const zeros = g.constant(new Float32Array(width), [width], 'zeros');
  const normalized = g.op('LayerNormalization', [x, ones, zeros], { axis: -1, epsilon: { float: LAYER_NORM_EPSILON } });
  const scaled = g.op('Mul', [normalized, stackConstant(g, gains.map((t) => t.data), 'gains')]);
  return g.op('Add', [scaled, stackConstant(g, biases.map((t) => t.data), 'biases')]);
}

/** N tensors of the same size as one [N x 1 x size] constant, to broadcast over a [N x rows x size] stack. */
export function stackConstant(g: GraphBuilder, parts: readonly ArrayLike<number>[], hint: string): string {
  const size = parts[0].length;
  const data = new Float32Array(parts.length * size);
  parts.forEach((part, n) => data.set(part, n * size));
  return g.constant(data, [parts.length, 1, size], hint);
}

/** linear() of each slice n of a stack [N x rows x inputs] with weight n and bias n, as one batched MatMul. */
export function stackedLinear(g: GraphBuilder, x: string, weights: readonly Tensor[], biases: readonly Tensor[]): string {
  const { rows, cols } = weights[0];
  const data = new Float32Array(weights.length * rows * cols);
  weights.forEach((weight, n) => data.set(weight.data, n * rows * cols));
  const product = g.op('MatMul', [x, g.constant(data, [weights.length, rows, cols], 'weights')]);
  return g.op('Add', [product, stackConstant(g, biases.map((b) => b.data), 'biases')]);
}

/** (x − mean) · scale, the probe's input standardisation (heads/standardizer.ts). */
export function standardize(g: GraphBuilder, x: string, mean: string, scale: string): string {
  return g.op('Mul', [g.op('Sub', [x, mean]), scale]);
}

/** Softmax over the last axis, as autograd's softmaxRows. */
export function softmaxRows(g: GraphBuilder, x: string): string {
  return g.op('Softmax', [x], { axis: -1 });
}
