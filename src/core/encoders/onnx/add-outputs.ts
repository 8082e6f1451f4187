import { GraphFieldNumbers, TensorElemType, ValueInfoFieldNumbers, type OnnxDim, type OnnxGraph } from './graph';
import { encodeBytesField, encodeStringField, encodeTag, encodeVarint, encodeVarintField, WireType } from './wire';

const { ValueInfo, TypeProto, TensorType, Shape, Dimension } = ValueInfoFieldNumbers;

/** A float tensor to expose as a graph output. */
export interface NewOutput {
  name: string;
  dims: OnnxDim[];
}

function encodeDim(dim: OnnxDim): Uint8Array {
  if (typeof dim === 'number') return encodeBytesField(Shape.dim, encodeVarintField(Dimension.value, dim));
  if (typeof dim === 'string') return encodeBytesField(Shape.dim, encodeStringField(Dimension.param, dim));
  return encodeBytesField(Shape.dim);
}

/** GraphProto.output entry: a ValueInfoProto with a float tensor type and the given shape. */
function encodeOutput(output: NewOutput): Uint8Array {
  const shape = encodeBytesField(TensorType.shape, ...output.dims.map(encodeDim));
  const tensorType = encodeBytesField(
    TypeProto.tensorType,
    encodeVarintField(TensorType.elemType, TensorElemType.float),
    shape,
  );
  const valueInfo = [encodeStringField(ValueInfo.name, output.name), encodeBytesField(ValueInfo.type, tensorType)];
  return encodeBytesField(GraphFieldNumbers.output, ...valueInfo);
}

/**
 * The model's bytes with extra graph outputs, as a list of chunks to write in order. Every original byte is
 * kept as is (the weights are never re-encoded, which keeps this fast for models of hundreds of MB): the new
 * output entries are appended at the end of the GraphProto (protobuf merges repeated fields wherever they
 * appear, in order) and only the graph's length prefix is rewritten.
 */
export function spliceGraphOutputs(model: Uint8Array, graph: OnnxGraph, outputs: NewOutput[]): Uint8Array[] {
  const { start, valueStart, end } = graph.graphField;
  const added = outputs.map(encodeOutput);
  const newLength = end - valueStart + added.reduce((n, a) => n + a.length, 0);
  return [
    model.subarray(0, start),
    encodeTag(GraphFieldNumbers.graph, WireType.bytes),
    encodeVarint(newLength),
    model.subarray(valueStart, end),
    ...added,
    model.subarray(end),
  ];
}
