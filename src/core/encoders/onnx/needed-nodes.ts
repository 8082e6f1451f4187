import type { OnnxGraph } from './graph';

/**
 * Indices of the nodes needed to compute `targets`: walking back from them through node inputs to graph inputs
 * and initializers, a node is needed when any of its outputs is. onnxruntime runs every node of a graph whatever
 * is fetched, so the others (an LM head, a pooler) are pure cost. A graph with If/Loop/Scan bodies keeps every
 * node: a body may read outer tensors that its node does not list as inputs.
 */
export function nodesNeededFor(graph: OnnxGraph, targets: readonly string[]): Set<number> {
  if (graph.hasSubgraphs) return new Set(graph.nodes.keys());
  const producers = new Map<string, number>();
  graph.nodes.forEach((node, index) => node.outputs.forEach((name) => producers.set(name, index)));
  const needed = new Set<number>();
  const pending = [...targets];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const producer = producers.get(name);
    if (producer === undefined || needed.has(producer)) continue;
    needed.add(producer);
    // An empty name is an omitted optional input.
    pending.push(...graph.nodes[producer].inputs.filter((input) => input !== ''));
  }
  return needed;
}
