import type { OnnxGraph, OnnxNode } from '../onnx/graph';

/**
 * Exporters name every node after the PyTorch module it came from (`/bert/encoder/layer.3/output/LayerNorm/Add_1`),
 * and fusing optimisers keep the names of the tensors they produce. A module's "scope" is the set of nodes named
 * (or producing a tensor named) under it; its output is the tensor no other node of the scope consumes.
 */

/** Nodes that quantisation inserts around real computation: never a module's output. */
const QUANTISATION_OPS = new Set(['DynamicQuantizeLinear', 'QuantizeLinear', 'DequantizeLinear', 'Constant']);

/** Ops whose first output can be a hidden state [batch, sequence, hidden]. */
export const HIDDEN_STATE_OPS: ReadonlySet<string> = new Set([
  'Add',
  'LayerNormalization',
  'SkipLayerNormalization',
  'EmbedLayerNormalization',
]);

export interface ScopeRule {
  /** Shown to the user when a layer is missing. */
  description: string;
  /** Matched against node names and first-output names; capture group 1, if any, is the layer index. */
  pattern: RegExp;
  /** The ops whose output can be the scope's; default HIDDEN_STATE_OPS. */
  ops?: ReadonlySet<string>;
}

function scopeKey(rule: ScopeRule, node: OnnxNode): number | undefined {
  const match = rule.pattern.exec(node.name) ?? rule.pattern.exec(node.outputs[0] ?? '');
  if (!match) return undefined;
  return match[1] === undefined ? 0 : Number(match[1]);
}

/** For every scope instance matched by the rule (one per layer index), its nodes (quantisation nodes left out). */
export function scopeMembers(graph: OnnxGraph, rule: ScopeRule): Map<number, OnnxNode[]> {
  const members = new Map<number, OnnxNode[]>();
  for (const node of graph.nodes) {
    if (QUANTISATION_OPS.has(node.opType)) continue;
    const key = scopeKey(rule, node);
    if (key === undefined) continue;
    const list = members.get(key) ?? [];
    list.push(node);
    members.set(key, list);
  }
  return members;
}

/**
 * For every scope instance matched by the rule (one per layer index), the candidate output tensors: first outputs
 * of hidden-state ops in the scope that no other node of the scope consumes.
 */
export function scopeOutputs(graph: OnnxGraph, rule: ScopeRule): Map<number, string[]> {
  const ops = rule.ops ?? HIDDEN_STATE_OPS;
  const outputs = new Map<number, string[]>();
  for (const [key, nodes] of scopeMembers(graph, rule)) {
    const consumedInside = new Set(nodes.flatMap((n) => n.inputs));
    const sinks = nodes
      .filter((n) => ops.has(n.opType) && n.outputs[0] && !consumedInside.has(n.outputs[0]))
      .map((n) => n.outputs[0]);
    outputs.set(key, sinks);
  }
  return outputs;
}

/** The node producing each tensor. */
export class GraphIndex {
  private readonly producer = new Map<string, OnnxNode>();

  constructor(graph: OnnxGraph) {
    for (const node of graph.nodes) {
      for (const out of node.outputs) if (out) this.producer.set(out, node);
    }
  }

  producerOf(tensor: string): OnnxNode | undefined {
    return this.producer.get(tensor);
  }

  /** Walks up single-input value-preserving ops (Cast, DequantizeLinear, ...) to the node that made the value. */
  origin(tensor: string): OnnxNode | undefined {
    let node = this.producer.get(tensor);
    for (let hops = 0; node && PASS_THROUGH_OPS.has(node.opType) && hops < 4; hops++) {
      node = this.producer.get(node.inputs[0]);
    }
    return node;
  }
}

const PASS_THROUGH_OPS = new Set(['Cast', 'DequantizeLinear', 'Identity', 'Reshape', 'Squeeze', 'Unsqueeze']);
