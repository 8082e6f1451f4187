import type { OnnxGraph, OnnxInitializer, OnnxNode } from '../onnx/graph';
import { isFloatTensor } from '../onnx/tensor-data';
import { GraphIndex } from './scopes';

/**
 * A decoder export's LM head: the linear map from the last hidden state to `logits`. When its weight is a plain
 * float matrix, `weight` is it ([hidden, vocab], or [vocab, hidden] when `transposed`); a quantised head
 * (MatMulNBits, MatMulInteger, ...) has only `input`, the activation it reads.
 */
export interface LmHead {
  /** The tensor the head multiplies: the model's last hidden state, if the export is what it seems. */
  input: string;
  /** The head's own output, before any soft-capping or casts that lead to `logits`. */
  output: string;
  weight?: { init: OnnxInitializer; transposed: boolean };
}

const LINEAR_OPS = new Set(['MatMul', 'MatMulNBits', 'MatMulBnb4', 'MatMulInteger', 'MatMulIntegerToFloat', 'DynamicQuantizeMatMul', 'QLinearMatMul']);
/** Elementwise steps between the head and `logits`: casts, and Gemma 2's soft-capping (tanh(x / c) · c). */
const AFTER_HEAD = new Set(['Cast', 'Tanh', 'Mul', 'Div', 'Identity', 'Reshape']);
/** Steps between the last hidden state and the head: casts, quantisation, Slice (num_logits_to_keep). */
const BEFORE_HEAD = new Set(['Cast', 'DynamicQuantizeLinear', 'QuantizeLinear', 'Identity', 'Reshape', 'Slice']);

/** Finds the LM head that produces the graph's `logits` output, if the graph has one built the usual way. */
export function findLmHead(graph: OnnxGraph): LmHead | undefined {
  if (!graph.outputs.some((o) => o.name === 'logits')) return undefined;
  const index = new GraphIndex(graph);
  const initializers = new Map(graph.initializers.map((init) => [init.name, init]));
  const computed = (tensor: string) => {
    const producer = index.producerOf(tensor);
    return producer !== undefined && producer.opType !== 'Constant';
  };
  let node = index.producerOf('logits');
  for (let hops = 0; node && AFTER_HEAD.has(node.opType) && hops < 8; hops++) {
    node = index.producerOf(node.inputs.find(computed) ?? '');
  }
  if (!node || !LINEAR_OPS.has(node.opType)) return undefined;
  let input = node.inputs[0];
  for (let producer = index.producerOf(input), hops = 0; producer && BEFORE_HEAD.has(producer.opType) && hops < 8; hops++) {
    input = producer.inputs[0];
    producer = index.producerOf(input);
  }
  const head: LmHead = { input, output: node.outputs[0] };
  const weight = node.opType === 'MatMul' ? floatWeight(node, index, initializers) : undefined;
  return weight ? { ...head, weight } : head;
}

/** MatMul's B when it is a float initializer, directly or through a Transpose (tied embeddings). */
function floatWeight(node: OnnxNode, index: GraphIndex, initializers: Map<string, OnnxInitializer>): LmHead['weight'] {
  const direct = initializers.get(node.inputs[1]);
  if (direct && isFloatTensor(direct) && direct.dims.length === 2) return { init: direct, transposed: false };
  const transpose = index.producerOf(node.inputs[1]);
  const source = transpose?.opType === 'Transpose' ? initializers.get(transpose.inputs[0]) : undefined;
  if (source && isFloatTensor(source) && source.dims.length === 2) return { init: source, transposed: true };
  return undefined;
}
