import { GraphFieldNumbers, TensorElemType, ValueInfoFieldNumbers, type OnnxDim } from './graph';
import { encodeBytesField, encodeStringField, encodeVarintField } from './wire';

const { ValueInfo, TypeProto, TensorType, Shape, Dimension } = ValueInfoFieldNumbers;

/** A float tensor to expose as a graph output. */
export interface NewOutput {
  name: string;
  dims: OnnxDim[];
}

/** A tensor's name, shape and element type (TensorElemType; float when not given). */
export interface TensorValueInfo extends NewOutput {
  elemType?: number;
}

function encodeDim(dim: OnnxDim): Uint8Array {
  if (typeof dim === 'number') return encodeBytesField(Shape.dim, encodeVarintField(Dimension.value, dim));
  if (typeof dim === 'string') return encodeBytesField(Shape.dim, encodeStringField(Dimension.param, dim));
  return encodeBytesField(Shape.dim);
}

/** The body of a ValueInfoProto describing a tensor (a graph input or output). */
export function encodeValueInfo(info: TensorValueInfo): Uint8Array[] {
  const shape = encodeBytesField(TensorType.shape, ...info.dims.map(encodeDim));
  const tensorType = encodeBytesField(
    TypeProto.tensorType,
    encodeVarintField(TensorType.elemType, info.elemType ?? TensorElemType.float),
    shape,
  );
  return [encodeStringField(ValueInfo.name, info.name), encodeBytesField(ValueInfo.type, tensorType)];
}

/** GraphProto.output entry: a ValueInfoProto with the tensor's type (float when not given) and shape. */
export function encodeOutput(output: TensorValueInfo): Uint8Array {
  return encodeBytesField(GraphFieldNumbers.output, ...encodeValueInfo(output));
}
