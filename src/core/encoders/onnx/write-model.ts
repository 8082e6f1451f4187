import { encodeValueInfo, type TensorValueInfo } from './add-outputs';
import { GraphFieldNumbers, NodeFieldNumbers, TensorElemType } from './graph';
import {
  concat,
  encodeBytesField,
  encodeFloatField,
  encodeInt64Field,
  encodeStringField,
  encodeVarintField,
} from './wire';

/**
 * Writes a complete ONNX model (ModelProto) from nodes, initializers, inputs and outputs: the counterpart of
 * graph.ts' reader for graphs built in code. Field numbers are those of onnx.proto.
 */

const Model = { irVersion: 1, producerName: 2, opsetImport: 8 };
const OpsetId = { domain: 1, version: 2 };
const GraphName = 2;
const Attribute = { name: 1, f: 2, i: 3, s: 4, ints: 8, type: 20 };
const AttributeType = { float: 1, int: 2, string: 3, ints: 7 };
const TensorField = { dims: 1, dataType: 2, name: 8, rawData: 9 };

/** An attribute value: an int, a float ({ float }), a list of ints, or a string. */
export type OnnxAttributeValue = number | { float: number } | number[] | string;

export interface OnnxNodeSpec {
  opType: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, OnnxAttributeValue>;
}

/** A constant tensor stored in the model: float32 or int64 data, row-major. */
export interface OnnxInitializer {
  name: string;
  dims: number[];
  data: Float32Array | BigInt64Array;
}

export interface OnnxModelSpec {
  name: string;
  /** The default-domain opset the nodes are written for. */
  opset: number;
  inputs: TensorValueInfo[];
  outputs: TensorValueInfo[];
  nodes: OnnxNodeSpec[];
  initializers: OnnxInitializer[];
}

/** IR version 9 came with opset 20; runtimes read older IR versions too, so it covers every opset up to 20. */
const IR_VERSION = 9;

function encodeAttribute(name: string, value: OnnxAttributeValue): Uint8Array {
  const named = encodeStringField(Attribute.name, name);
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new RangeError(`attribute ${name}: ${value} is not an int (use { float })`);
    return encodeBytesField(NodeFieldNumbers.attribute, named, encodeInt64Field(Attribute.i, value), encodeVarintField(Attribute.type, AttributeType.int));
  }
  if (typeof value === 'string') {
    return encodeBytesField(NodeFieldNumbers.attribute, named, encodeStringField(Attribute.s, value), encodeVarintField(Attribute.type, AttributeType.string));
  }
  if (Array.isArray(value)) {
    const ints = value.map((v) => encodeInt64Field(Attribute.ints, v));
    return encodeBytesField(NodeFieldNumbers.attribute, named, ...ints, encodeVarintField(Attribute.type, AttributeType.ints));
  }
  return encodeBytesField(NodeFieldNumbers.attribute, named, encodeFloatField(Attribute.f, value.float), encodeVarintField(Attribute.type, AttributeType.float));
}

export function encodeNode(node: OnnxNodeSpec): Uint8Array {
  return encodeBytesField(
    GraphFieldNumbers.node,
    ...node.inputs.map((input) => encodeStringField(NodeFieldNumbers.input, input)),
    ...node.outputs.map((output) => encodeStringField(NodeFieldNumbers.output, output)),
    encodeStringField(NodeFieldNumbers.opType, node.opType),
    ...Object.entries(node.attributes ?? {}).map(([name, value]) => encodeAttribute(name, value)),
  );
}

function encodeInitializer(tensor: OnnxInitializer): Uint8Array {
  const size = tensor.dims.reduce((n, d) => n * d, 1);
  if (size !== tensor.data.length) throw new RangeError(`initializer ${tensor.name}: ${tensor.data.length} values for dims [${tensor.dims}]`);
  const elemType = tensor.data instanceof Float32Array ? TensorElemType.float : TensorElemType.int64;
  // raw_data is little-endian; typed arrays are in the platform's order, little-endian on every Node target.
  const raw = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  return encodeBytesField(
    GraphFieldNumbers.initializer,
    ...tensor.dims.map((d) => encodeInt64Field(TensorField.dims, d)),
    encodeVarintField(TensorField.dataType, elemType),
    encodeStringField(TensorField.name, tensor.name),
    encodeBytesField(TensorField.rawData, raw),
  );
}

/** The bytes of an ONNX model file holding one graph, ready for InferenceSession.create. */
export function encodeModel(spec: OnnxModelSpec): Uint8Array {
  const graph = encodeBytesField(
    GraphFieldNumbers.graph,
    ...spec.nodes.map(encodeNode),
    encodeStringField(GraphName, spec.name),
    ...spec.initializers.map(encodeInitializer),
    ...spec.inputs.map((input) => encodeBytesField(GraphFieldNumbers.input, ...encodeValueInfo(input))),
    ...spec.outputs.map((output) => encodeBytesField(GraphFieldNumbers.output, ...encodeValueInfo(output))),
  );
  return concat([
    encodeVarintField(Model.irVersion, IR_VERSION),
    encodeStringField(Model.producerName, 'probe-lens'),
    encodeBytesField(Model.opsetImport, encodeStringField(OpsetId.domain, ''), encodeVarintField(OpsetId.version, spec.opset)),
    graph,
  ]);
}
