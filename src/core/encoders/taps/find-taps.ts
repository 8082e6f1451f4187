import { ProbeLensError } from '../../errors';
import type { OnnxGraph } from '../onnx/graph';
import type { Family } from '../types';
import { GraphIndex, scopeOutputs, type ScopeRule } from './scopes';

/**
 * Locates, inside a stock ONNX export, the L + 1 tensors Hugging Face returns as `output_hidden_states`:
 * the embeddings output, then the output of every block, the last one being what the model returns
 * (for GPT-2: after the final LayerNorm `ln_f`, so the raw output of the last block is not a hidden state).
 */

const anyPrefix = '(?:^|/)';
const scopeEnd = '(?:/|$)';

const RULES = {
  embeddingsLayerNorm: {
    description: '…/embeddings/LayerNorm (the embeddings LayerNorm)',
    pattern: new RegExp(`${anyPrefix}embeddings/LayerNorm${scopeEnd}`),
  },
  bertLayer: {
    description: '…/layer.N/output/LayerNorm (each layer’s output LayerNorm)',
    pattern: new RegExp(`${anyPrefix}layer\\.(\\d+)/output/LayerNorm${scopeEnd}`),
  },
  distilbertLayer: {
    description: '…/layer.N/output_layer_norm (each layer’s output LayerNorm)',
    pattern: new RegExp(`${anyPrefix}layer\\.(\\d+)/output_layer_norm${scopeEnd}`),
  },
  gpt2Block: {
    description: '…/h.N (each block; its output is the residual Add no other node of the block consumes)',
    pattern: new RegExp(`${anyPrefix}h\\.(\\d+)${scopeEnd}`),
  },
  gpt2FinalNorm: {
    description: '…/ln_f (the final LayerNorm)',
    pattern: new RegExp(`${anyPrefix}ln_f${scopeEnd}`),
  },
} satisfies Record<string, ScopeRule>;

const GPT2_EMBEDDINGS = 'the Add of the token (…/wte) and position (…/wpe) embedding lookups';
const GRAPH_OUTPUT = 'last_hidden_state';

/** One expected tap: what it is, what was searched, and what was found. */
interface TapSlot {
  label: string;
  searched: string;
  tensor?: string;
  problem?: string;
}

function fromScope(found: Map<number, string[]>, index: number, label: string, rule: ScopeRule): TapSlot {
  const candidates = found.get(index) ?? [];
  if (candidates.length === 1) return { label, searched: rule.description, tensor: candidates[0] };
  const problem = candidates.length === 0 ? undefined : `ambiguous: ${candidates.join(', ')}`;
  return { label, searched: rule.description, problem };
}

function graphOutputSlot(graph: OnnxGraph, fallback: TapSlot): TapSlot {
  const output = graph.outputs.find((o) => o.name === GRAPH_OUTPUT);
  return output ? { ...fallback, tensor: output.name } : fallback;
}

function encoderSlots(graph: OnnxGraph, layers: number, layerRule: ScopeRule): TapSlot[] {
  const fused = graph.nodes.find((n) => n.opType === 'EmbedLayerNormalization');
  const embeddings = fused
    ? { label: 'embeddings', searched: 'EmbedLayerNormalization', tensor: fused.outputs[0] }
    : fromScope(scopeOutputs(graph, RULES.embeddingsLayerNorm), 0, 'embeddings', RULES.embeddingsLayerNorm);
  const perLayer = scopeOutputs(graph, layerRule);
  checkLayerCount(perLayer, layers, layerRule);
  const slots = [embeddings];
  for (let i = 0; i < layers; i++) slots.push(fromScope(perLayer, i, `layer ${i + 1}`, layerRule));
  slots[layers] = graphOutputSlot(graph, slots[layers]);
  return slots;
}

function gpt2EmbeddingsSlot(graph: OnnxGraph): TapSlot {
  const index = new GraphIndex(graph);
  const lookupOf = (tensor: string): string | undefined => {
    const origin = index.origin(tensor);
    if (origin?.opType !== 'Gather') return undefined;
    return /(?:^|\/)(wte|wpe)(?:\/|$)/.exec(origin.name)?.[1];
  };
  const adds = graph.nodes.filter((n) => {
    if (n.opType !== 'Add' || n.inputs.length !== 2) return false;
    const lookups = n.inputs.map(lookupOf).sort();
    return lookups[0] === 'wpe' && lookups[1] === 'wte';
  });
  const slot: TapSlot = { label: 'embeddings', searched: GPT2_EMBEDDINGS };
  if (adds.length === 1) slot.tensor = adds[0].outputs[0];
  if (adds.length > 1) slot.problem = `ambiguous: ${adds.map((a) => a.outputs[0]).join(', ')}`;
  return slot;
}

function gpt2Slots(graph: OnnxGraph, layers: number): TapSlot[] {
  const blocks = scopeOutputs(graph, RULES.gpt2Block);
  checkLayerCount(blocks, layers, RULES.gpt2Block);
  const slots = [gpt2EmbeddingsSlot(graph)];
  // hidden_states[i] for 1 <= i < L is the output of block i - 1; the last is ln_f's output, not block L - 1's.
  for (let i = 0; i < layers - 1; i++) slots.push(fromScope(blocks, i, `layer ${i + 1}`, RULES.gpt2Block));
  const finalNorm = fromScope(scopeOutputs(graph, RULES.gpt2FinalNorm), 0, `layer ${layers}`, RULES.gpt2FinalNorm);
  slots.push(graphOutputSlot(graph, finalNorm));
  return slots;
}

/** A graph with more blocks than config.json says would silently drop layers: refuse it. */
function checkLayerCount(found: Map<number, string[]>, layers: number, rule: ScopeRule): void {
  const highest = Math.max(-1, ...found.keys());
  if (highest >= layers) {
    throw new ProbeLensError(
      `The ONNX graph has at least ${highest + 1} layers matching ${rule.description}, ` +
        `but config.json says ${layers}. The config and the model file do not belong together.`,
      'layers-not-found',
    );
  }
}

function describeFailure(slots: TapSlot[], family: Family, source: string): string {
  const found = slots.filter((s) => s.tensor).length;
  const lines = slots.map((s) => `  ${s.label}: ${s.tensor ?? s.problem ?? 'not found'}`);
  const searched = [...new Set(slots.map((s) => s.searched))].map((s) => `  ${s}`);
  return [
    `Could not find every layer output in ${source} (model_type "${family}"): found ${found} of ${slots.length} taps:`,
    ...lines,
    'Searched node and tensor names for:',
    ...searched,
    'This export names or fuses its layers in a way Probe Lens does not know; please report it with the model id.',
  ].join('\n');
}

/** The tensor names of every hidden state, embeddings first (L + 1 names), or a 'layers-not-found' error. */
export function findLayerTaps(graph: OnnxGraph, family: Family, layers: number, source: string): string[] {
  const slots =
    family === 'gpt2'
      ? gpt2Slots(graph, layers)
      : encoderSlots(graph, layers, family === 'distilbert' ? RULES.distilbertLayer : RULES.bertLayer);
  const tensors = slots.map((s) => s.tensor);
  if (tensors.some((t) => t === undefined)) {
    throw new ProbeLensError(describeFailure(slots, family, source), 'layers-not-found');
  }
  return tensors as string[];
}
