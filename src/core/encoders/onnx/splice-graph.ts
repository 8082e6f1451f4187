import { encodeOutput, type TensorValueInfo } from './add-outputs';
import { GraphFieldNumbers, type GraphFieldSpan, type OnnxGraph } from './graph';
import { encodeTag, encodeVarint, WireType } from './wire';
import { encodeNode, type OnnxNodeSpec } from './write-model';

/**
 * What to change in a graph: nodes, inputs and outputs to leave out (by index in OnnxGraph), nodes (appended after
 * the others, so they may read any tensor) and outputs to add.
 */
export interface GraphEdit {
  keepNode: (index: number) => boolean;
  keepOutput: (index: number) => boolean;
  keepInput?: (index: number) => boolean;
  addNodes?: OnnxNodeSpec[];
  addOutputs: TensorValueInfo[];
}

/** The kept fields, as ranges of the source with neighbouring ones merged, so an unchanged graph is one range. */
function keptRanges(graph: OnnxGraph, edit: GraphEdit): GraphFieldSpan[] {
  const ranges: GraphFieldSpan[] = [];
  let nodeIndex = 0;
  let outputIndex = 0;
  let inputIndex = 0;
  for (const field of graph.fields) {
    let keep = true;
    if (field.number === GraphFieldNumbers.node) keep = edit.keepNode(nodeIndex++);
    else if (field.number === GraphFieldNumbers.output) keep = edit.keepOutput(outputIndex++);
    else if (field.number === GraphFieldNumbers.input) keep = edit.keepInput?.(inputIndex++) ?? true;
    if (!keep) continue;
    const last = ranges.at(-1);
    if (last?.end === field.start) last.end = field.end;
    else ranges.push({ ...field });
  }
  return ranges;
}

/**
 * The model's bytes with the graph edited, as a list of chunks to write in order. Every kept byte is copied as
 * is (nothing is re-encoded): dropped nodes, inputs and outputs are left out, the new nodes and outputs are
 * appended at the end of the GraphProto (protobuf merges repeated fields wherever they appear, in order) and only
 * the graph's length prefix is rewritten.
 */
export function spliceGraph(model: Uint8Array, graph: OnnxGraph, edit: GraphEdit): Uint8Array[] {
  const { start, end } = graph.graphField;
  const kept = keptRanges(graph, edit).map((r) => model.subarray(r.start, r.end));
  const added = [...(edit.addNodes ?? []).map(encodeNode), ...edit.addOutputs.map(encodeOutput)];
  const newLength = [...kept, ...added].reduce((n, part) => n + part.length, 0);
  return [
    model.subarray(0, start),
    encodeTag(GraphFieldNumbers.graph, WireType.bytes),
    encodeVarint(newLength),
    ...kept,
    ...added,
    model.subarray(end),
  ];
}
