import { GraphFieldNumbers, TensorElemType, ValueInfoFieldNumbers, type OnnxDim } from './graph';
import { encodeBytesField, encodeStringField, encodeVarintField } from './wire';

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
export function encodeOutput(output: NewOutput): Uint8Array {
  const shape = encodeBytesField(TensorType.shape, ...output.dims.map(encodeDim));
  const tensorType = encodeBytesField(
    TypeProto.tensorType,
    encodeVarintField(TensorType.elemType, TensorElemType.float),
    shape,
  );
  const valueInfo = [encodeStringField(ValueInfo.name, output.name), encodeBytesField(ValueInfo.type, tensorType)];
  return encodeBytesField(GraphFieldNumbers.output, ...valueInfo);
}
