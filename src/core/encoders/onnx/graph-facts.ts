import type { Dtype } from '../types';
import { TensorElemType, type OnnxGraph } from './graph';

/**
 * Facts read off a graph's structure: the precision its activations run in, which dtype of an export it is,
 * and the external-data files its weights live in.
 */

/**
 * The element type of the model's activations: that of its float outputs (logits, hidden states, the key/value
 * cache), float32 when it has none. A float16 model's layer outputs are float16 too.
 */
export function activationType(graph: OnnxGraph): number {
  const floats = [TensorElemType.float, TensorElemType.float16, TensorElemType.bfloat16] as number[];
  const typed = [...graph.outputs, ...graph.inputs].find((info) => info.elemType !== undefined && floats.includes(info.elemType));
  return typed?.elemType ?? TensorElemType.float;
}

/** Which of Probe Lens' dtypes the graph is, by its quantised MatMuls and activation type. */
export function graphDtype(graph: OnnxGraph): Dtype {
  const ops = new Set(graph.nodes.map((n) => n.opType));
  const half = activationType(graph) === TensorElemType.float16;
  if (ops.has('MatMulNBits')) return half ? 'q4f16' : 'q4';
  if (ops.has('MatMulBnb4')) return 'bnb4';
  if (ops.has('MatMulInteger') || ops.has('DynamicQuantizeLinear') || ops.has('QLinearMatMul')) return 'q8';
  return half ? 'fp16' : 'fp32';
}

/** The external-data files the graph's initializers name, relative to the model's folder, each once. */
export function externalFiles(graph: OnnxGraph): string[] {
  const files = graph.initializers.flatMap((init) => (init.data.kind === 'external' ? [init.data.location] : []));
  return [...new Set(files)];
}
