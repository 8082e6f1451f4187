import { MalformedMessageError, readFields, readString, readVarint, WireType, type WireField } from './wire';

/**
 * A read-only summary of an ONNX model's main graph, plus where the graph and each of its fields sit in the
 * file's bytes so the graph can be rewritten by splicing byte ranges. Field numbers are those of onnx.proto
 * (ModelProto, GraphProto, NodeProto, ...).
 */

export interface OnnxNode {
  opType: string;
  name: string;
  domain: string;
  inputs: string[];
  outputs: string[];
}

/** A dimension is a fixed size, a symbolic name, or unknown (undefined). */
export type OnnxDim = number | string | undefined;

export interface OnnxValueInfo {
  name: string;
  /** TensorProto.DataType (1 = float, 7 = int64); undefined when the type is not a tensor or not given. */
  elemType?: number;
  /** undefined when the shape is not given. */
  dims?: OnnxDim[];
}

/** One top-level GraphProto field (a node, an initializer, an output, ...), spanning bytes [start, end). */
export interface GraphFieldSpan {
  number: number;
  start: number;
  end: number;
}

/** Where an initializer's data is: bytes of the model itself, or a range of an external-data file. */
export type TensorData =
  | { kind: 'inline'; start: number; end: number }
  | { kind: 'external'; location: string; offset: number; length: number }
  /** Typed fields (float_data, ...) or nothing at all. */
  | { kind: 'other' };

/** An initializer's description: never its values. */
export interface OnnxInitializer {
  name: string;
  /** TensorProto.DataType. */
  dataType: number;
  dims: number[];
  data: TensorData;
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  valueInfo: OnnxValueInfo[];
  initializers: OnnxInitializer[];
  /** Some node has a graph attribute (If, Loop, Scan), whose body may read any tensor of this graph. */
  hasSubgraphs: boolean;
  /** Byte offsets of ModelProto.graph (field 7): tag start, content start and end. */
  graphField: { start: number; valueStart: number; end: number };
  /** Every GraphProto field in file order; the n-th node field is nodes[n], the n-th output field outputs[n]. */
  fields: GraphFieldSpan[];
}

export const TensorElemType = { float: 1, uint8: 2, int8: 3, int32: 6, int64: 7, float16: 10, bfloat16: 16 } as const;

const Model = { graph: 7 };
const Graph = { node: 1, initializer: 5, input: 11, output: 12, valueInfo: 13 };
const Node = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 };
const Attribute = { graph: 6, graphs: 11 };
const Tensor = { dims: 1, dataType: 2, name: 8, rawData: 9, externalData: 13, dataLocation: 14 };
const StringEntry = { key: 1, value: 2 };
const ValueInfo = { name: 1, type: 2 };
const TypeProto = { tensorType: 1 };
const TensorType = { elemType: 1, shape: 2 };
const Shape = { dim: 1 };
const Dimension = { value: 1, param: 2 };
const EXTERNAL_DATA_LOCATION = 1;

function isMessage(field: WireField): boolean {
  return field.wireType === WireType.bytes;
}

function isGraphAttribute(bytes: Uint8Array, at: WireField): boolean {
  for (const f of readFields(bytes, at.valueStart, at.end)) {
    if (f.number === Attribute.graph || f.number === Attribute.graphs) return true;
  }
  return false;
}

function readNode(bytes: Uint8Array, at: WireField): { node: OnnxNode; hasSubgraph: boolean } {
  const node: OnnxNode = { opType: '', name: '', domain: '', inputs: [], outputs: [] };
  let hasSubgraph = false;
  for (const f of readFields(bytes, at.valueStart, at.end)) {
    if (!isMessage(f)) continue;
    if (f.number === Node.attribute) hasSubgraph ||= isGraphAttribute(bytes, f);
    else if (f.number === Node.input) node.inputs.push(readString(bytes, f));
    else if (f.number === Node.output) node.outputs.push(readString(bytes, f));
    else if (f.number === Node.name) node.name = readString(bytes, f);
    else if (f.number === Node.opType) node.opType = readString(bytes, f);
    else if (f.number === Node.domain) node.domain = readString(bytes, f);
  }
  return { node, hasSubgraph };
}

function readShape(bytes: Uint8Array, at: WireField): OnnxDim[] {
  const dims: OnnxDim[] = [];
  for (const dimField of readFields(bytes, at.valueStart, at.end)) {
    if (dimField.number !== Shape.dim || !isMessage(dimField)) continue;
    let dim: OnnxDim;
    for (const f of readFields(bytes, dimField.valueStart, dimField.end)) {
      if (f.number === Dimension.value && f.wireType === WireType.varint) dim = f.varint;
      else if (f.number === Dimension.param && isMessage(f)) dim = readString(bytes, f);
    }
    dims.push(dim);
  }
  return dims;
}

function readValueInfo(bytes: Uint8Array, at: WireField): OnnxValueInfo {
  const info: OnnxValueInfo = { name: '' };
  for (const f of readFields(bytes, at.valueStart, at.end)) {
    if (f.number === ValueInfo.name && isMessage(f)) info.name = readString(bytes, f);
    if (f.number !== ValueInfo.type || !isMessage(f)) continue;
    for (const t of readFields(bytes, f.valueStart, f.end)) {
      if (t.number !== TypeProto.tensorType || !isMessage(t)) continue;
      for (const tf of readFields(bytes, t.valueStart, t.end)) {
        if (tf.number === TensorType.elemType && tf.wireType === WireType.varint) info.elemType = tf.varint;
        else if (tf.number === TensorType.shape && isMessage(tf)) info.dims = readShape(bytes, tf);
      }
    }
  }
  return info;
}

/** A packed or unpacked repeated int64 field's values. */
function readInt64s(bytes: Uint8Array, f: WireField, into: number[]): void {
  if (f.wireType === WireType.varint) {
    into.push(f.varint);
    return;
  }
  for (let pos = f.valueStart; pos < f.end; ) {
    const v = readVarint(bytes, pos, f.end);
    into.push(v.value);
    pos = v.next;
  }
}

function readExternalEntry(bytes: Uint8Array, at: WireField): [string, string] {
  let key = '';
  let value = '';
  for (const f of readFields(bytes, at.valueStart, at.end)) {
    if (f.number === StringEntry.key && isMessage(f)) key = readString(bytes, f);
    else if (f.number === StringEntry.value && isMessage(f)) value = readString(bytes, f);
  }
  return [key, value];
}

/** Reads the tensor's name, type, shape and where its data is: the data itself is skipped, never copied. */
function readInitializer(bytes: Uint8Array, at: WireField): OnnxInitializer {
  const init: OnnxInitializer = { name: '', dataType: 0, dims: [], data: { kind: 'other' } };
  const external = new Map<string, string>();
  let location = 0;
  for (const f of readFields(bytes, at.valueStart, at.end)) {
    if (f.number === Tensor.name && isMessage(f)) init.name = readString(bytes, f);
    else if (f.number === Tensor.dataType && f.wireType === WireType.varint) init.dataType = f.varint;
    else if (f.number === Tensor.dims) readInt64s(bytes, f, init.dims);
    else if (f.number === Tensor.rawData && isMessage(f)) init.data = { kind: 'inline', start: f.valueStart, end: f.end };
    else if (f.number === Tensor.externalData && isMessage(f)) external.set(...readExternalEntry(bytes, f));
    else if (f.number === Tensor.dataLocation && f.wireType === WireType.varint) location = f.varint;
  }
  if (location === EXTERNAL_DATA_LOCATION) {
    init.data = {
      kind: 'external',
      location: external.get('location') ?? '',
      offset: Number(external.get('offset') ?? 0),
      length: Number(external.get('length') ?? -1),
    };
  }
  return init;
}

/**
 * Parses an ONNX ModelProto's main graph (subgraphs of If/Loop nodes are not descended into).
 * Throws MalformedMessageError when the bytes are not a complete ONNX model.
 */
export function readOnnxGraph(bytes: Uint8Array): OnnxGraph {
  let graphField: WireField | undefined;
  for (const f of readFields(bytes, 0, bytes.length)) {
    if (f.number !== Model.graph) continue;
    if (!isMessage(f) || graphField) throw new MalformedMessageError('ModelProto.graph is not a single message');
    graphField = f;
  }
  if (!graphField) throw new MalformedMessageError('the file has no graph');

  const graph: OnnxGraph = {
    nodes: [],
    inputs: [],
    outputs: [],
    valueInfo: [],
    initializers: [],
    hasSubgraphs: false,
    graphField: { start: graphField.start, valueStart: graphField.valueStart, end: graphField.end },
    fields: [],
  };
  for (const f of readFields(bytes, graphField.valueStart, graphField.end)) {
    graph.fields.push({ number: f.number, start: f.start, end: f.end });
    const repeatedMessage = Object.values(Graph).includes(f.number);
    // Strict here so that the n-th node (output) field is always nodes[n] (outputs[n]) for rewrites.
    if (repeatedMessage && !isMessage(f)) {
      throw new MalformedMessageError(`GraphProto field ${f.number} is not a message`);
    }
    switch (f.number) {
      case Graph.node: {
        const { node, hasSubgraph } = readNode(bytes, f);
        graph.nodes.push(node);
        graph.hasSubgraphs ||= hasSubgraph;
        break;
      }
      case Graph.initializer:
        graph.initializers.push(readInitializer(bytes, f));
        break;
      case Graph.input:
        graph.inputs.push(readValueInfo(bytes, f));
        break;
      case Graph.output:
        graph.outputs.push(readValueInfo(bytes, f));
        break;
      case Graph.valueInfo:
        graph.valueInfo.push(readValueInfo(bytes, f));
        break;
    }
  }
  if (graph.nodes.length === 0) throw new MalformedMessageError('the graph has no nodes');
  return graph;
}

export const GraphFieldNumbers = {
  graph: Model.graph,
  node: Graph.node,
  output: Graph.output,
  input: Graph.input,
  initializer: Graph.initializer,
};
export const ValueInfoFieldNumbers = { ValueInfo, TypeProto, TensorType, Shape, Dimension };
export const NodeFieldNumbers = Node;
export const TensorFieldNumbers = Tensor;
export const ExternalDataKeys = StringEntry;
