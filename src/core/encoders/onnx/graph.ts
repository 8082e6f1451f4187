import { MalformedMessageError, readFields, readString, WireType, type WireField } from './wire';

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

export interface OnnxGraph {
  nodes: OnnxNode[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  valueInfo: OnnxValueInfo[];
  initializerNames: string[];
  /** Some initializer keeps its data in a file beside the model (ONNX external data). */
  usesExternalData: boolean;
  /** Some node has a graph attribute (If, Loop, Scan), whose body may read any tensor of this graph. */
  hasSubgraphs: boolean;
  /** Byte offsets of ModelProto.graph (field 7): tag start, content start and end. */
  graphField: { start: number; valueStart: number; end: number };
  /** Every GraphProto field in file order; the n-th node field is nodes[n], the n-th output field outputs[n]. */
  fields: GraphFieldSpan[];
}

export const TensorElemType = { float: 1, int64: 7 } as const;

const Model = { graph: 7 };
const Graph = { node: 1, initializer: 5, input: 11, output: 12, valueInfo: 13 };
const Node = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 };
const Attribute = { graph: 6, graphs: 11 };
const Tensor = { name: 8, dataLocation: 14 };
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

/** Reads only the name and storage location: the weights themselves are skipped, never copied. */
function readInitializer(bytes: Uint8Array, at: WireField): { name: string; external: boolean } {
  let name = '';
  let external = false;
  for (const f of readFields(bytes, at.valueStart, at.end)) {
    if (f.number === Tensor.name && isMessage(f)) name = readString(bytes, f);
    else if (f.number === Tensor.dataLocation && f.wireType === WireType.varint) {
      external = f.varint === EXTERNAL_DATA_LOCATION;
    }
  }
  return { name, external };
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
    initializerNames: [],
    usesExternalData: false,
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
      case Graph.initializer: {
        const init = readInitializer(bytes, f);
        graph.initializerNames.push(init.name);
        graph.usesExternalData ||= init.external;
        break;
      }
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
