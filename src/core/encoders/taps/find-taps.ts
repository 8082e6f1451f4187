import { ProbeLensError } from '../../errors';
import { FAMILIES } from '../model/families';
import type { OnnxGraph, OnnxNode } from '../onnx/graph';
import type { Family } from '../types';
import { GraphIndex, HIDDEN_STATE_OPS, scopeMembers, scopeOutputs, type ScopeRule } from './scopes';

/**
 * Locates, inside a stock ONNX export, the L + 1 tensors Hugging Face returns as `output_hidden_states`: the
 * embeddings output, then the output of every block. The last one is what the model returns: for GPT-2 and the
 * decoder LLMs it comes after the final norm (so the raw output of the last block is not a hidden state); for
 * ModernBERT it is the last block's output (its final norm only makes last_hidden_state).
 */

const anyPrefix = '(?:^|/)';
const scopeEnd = '(?:/|$)';
const NORM_OPS = new Set([...HIDDEN_STATE_OPS, 'Mul', 'Cast', 'SimplifiedLayerNormalization', 'RMSNormalization']);

const RULES = {
  embeddingsLayerNorm: {
    description: '…/embeddings/LayerNorm (the embeddings LayerNorm)',
    pattern: new RegExp(`${anyPrefix}embeddings/LayerNorm${scopeEnd}`),
  },
  embeddingsProject: {
    description: '…/embeddings_project (ELECTRA’s projection of small embeddings to the hidden size)',
    pattern: new RegExp(`${anyPrefix}embeddings_project${scopeEnd}`),
    ops: new Set([...HIDDEN_STATE_OPS, 'MatMul', 'Gemm']),
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
  decoderBlock: {
    description: '…/layers.N (each block; its output is the residual Add no other node of the block consumes)',
    pattern: new RegExp(`${anyPrefix}layers\\.(\\d+)${scopeEnd}`),
  },
  decoderFinalNorm: {
    description: '…/norm (the final RMSNorm or LayerNorm after the last block)',
    pattern: new RegExp(`${anyPrefix}(?:norm|final_layernorm)${scopeEnd}`),
    ops: NORM_OPS,
  },
  modernbertEmbeddingsNorm: {
    description: '…/embeddings/norm (the embeddings LayerNorm)',
    pattern: new RegExp(`${anyPrefix}embeddings/norm${scopeEnd}`),
  },
} satisfies Record<string, ScopeRule>;

/** onnxruntime-genai's builder: pre-norm blocks whose norms fuse the residual Add. */
const FUSED_NORM_OPS = new Set(['SkipSimplifiedLayerNormalization', 'SkipLayerNormalization']);
const FUSED = {
  inputNorm: new RegExp(`${anyPrefix}layers\\.(\\d+)/input_layernorm${scopeEnd}`),
  finalNorm: new RegExp(`${anyPrefix}layers\\.(\\d+)/final_norm_layernorm${scopeEnd}`),
  embeddings: 'input 0 of …/layers.0/input_layernorm (the embeddings entering the first block)',
  block: 'output 3, the residual sum, of the fused …/layers.N+1/input_layernorm (SkipSimplifiedLayerNormalization)',
  final: 'output 0 of the fused …/layers.L/final_norm_layernorm (the final norm)',
};

const GPT2_EMBEDDINGS = 'the Add of the token (…/wte) and position (…/wpe) embedding lookups';
const DECODER_EMBEDDINGS = 'the residual input of block 0 (…/embed_tokens, scaled for Gemma)';
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

function blockSlots(found: Map<number, string[]>, count: number, rule: ScopeRule): TapSlot[] {
  return Array.from({ length: count }, (_, i) => fromScope(found, i, `layer ${i + 1}`, rule));
}

function encoderSlots(graph: OnnxGraph, layers: number, layerRule: ScopeRule): TapSlot[] {
  const fused = graph.nodes.find((n) => n.opType === 'EmbedLayerNormalization');
  const projected = scopeOutputs(graph, RULES.embeddingsProject);
  const embeddings = fused
    ? { label: 'embeddings', searched: 'EmbedLayerNormalization', tensor: fused.outputs[0] }
    : projected.size > 0
      ? fromScope(projected, 0, 'embeddings', RULES.embeddingsProject)
      : fromScope(scopeOutputs(graph, RULES.embeddingsLayerNorm), 0, 'embeddings', RULES.embeddingsLayerNorm);
  const perLayer = scopeOutputs(graph, layerRule);
  checkLayerCount(perLayer, layers, layerRule);
  const slots = [embeddings, ...blockSlots(perLayer, layers, layerRule)];
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
  // hidden_states[i] for 1 <= i < L is the output of block i - 1; the last is ln_f's output, not block L - 1's.
  const finalNorm = fromScope(scopeOutputs(graph, RULES.gpt2FinalNorm), 0, `layer ${layers}`, RULES.gpt2FinalNorm);
  return [gpt2EmbeddingsSlot(graph), ...blockSlots(blocks, layers - 1, RULES.gpt2Block), graphOutputSlot(graph, finalNorm)];
}

/**
 * What enters block 0's residual stream: walking back from the block's output through its residual Adds (each
 * adds a sublayer's output to the stream), the first input that comes from outside the block. That is the
 * token embeddings, after whatever scaling the model applies (Gemma multiplies them by √hidden).
 */
function residualInput(graph: OnnxGraph, block: readonly OnnxNode[], output: string | undefined): TapSlot {
  const slot: TapSlot = { label: 'embeddings', searched: DECODER_EMBEDDINGS };
  const index = new GraphIndex(graph);
  const inside = new Set(block);
  for (let tensor = output; tensor !== undefined; ) {
    const add = index.producerOf(tensor);
    if (add?.opType !== 'Add' || !inside.has(add)) break;
    const fromOutside = add.inputs.find((input) => !inside.has(index.producerOf(input) as OnnxNode));
    if (fromOutside !== undefined) return { ...slot, tensor: fromOutside };
    tensor = add.inputs.find((input) => index.producerOf(input)?.opType === 'Add');
  }
  return slot;
}

function decoderSlots(graph: OnnxGraph, layers: number): TapSlot[] {
  if (graph.nodes.some((n) => FUSED_NORM_OPS.has(n.opType) && FUSED.inputNorm.test(n.name))) return fusedDecoderSlots(graph, layers);
  const blocks = scopeOutputs(graph, RULES.decoderBlock);
  checkLayerCount(blocks, layers, RULES.decoderBlock);
  const first = blocks.get(0);
  const embeddings = residualInput(graph, scopeMembers(graph, RULES.decoderBlock).get(0) ?? [], first?.length === 1 ? first[0] : undefined);
  const finalNorm = fromScope(scopeOutputs(graph, RULES.decoderFinalNorm), 0, `layer ${layers}`, RULES.decoderFinalNorm);
  return [embeddings, ...blockSlots(blocks, layers - 1, RULES.decoderBlock), graphOutputSlot(graph, finalNorm)];
}

/**
 * onnxruntime-genai: the norm before block i + 1 also adds block i's last sublayer to the residual stream and
 * returns the sum as its output 3, which is block i's output. The final norm's output 0 is the last hidden state.
 */
function fusedDecoderSlots(graph: OnnxGraph, layers: number): TapSlot[] {
  const inputNorms = new Map<number, OnnxNode>();
  let finalNorm: OnnxNode | undefined;
  for (const node of graph.nodes) {
    const input = FUSED.inputNorm.exec(node.name);
    if (input) inputNorms.set(Number(input[1]), node);
    if (FUSED.finalNorm.test(node.name)) finalNorm = node;
  }
  const highest = Math.max(-1, ...inputNorms.keys());
  if (highest >= layers) throw layerCountError(highest + 1, FUSED.inputNorm.source, layers);
  const slots: TapSlot[] = [{ label: 'embeddings', searched: FUSED.embeddings, tensor: inputNorms.get(0)?.inputs[0] || undefined }];
  for (let i = 1; i < layers; i++) {
    const sum = inputNorms.get(i)?.outputs[3];
    slots.push({ label: `layer ${i}`, searched: FUSED.block, tensor: sum || undefined });
  }
  slots.push({ label: `layer ${layers}`, searched: FUSED.final, tensor: finalNorm?.outputs[0] || undefined });
  return slots;
}

/** ModernBERT: the embeddings norm, then every block's output; the final norm is not a hidden state. */
function modernbertSlots(graph: OnnxGraph, layers: number): TapSlot[] {
  const blocks = scopeOutputs(graph, RULES.decoderBlock);
  checkLayerCount(blocks, layers, RULES.decoderBlock);
  const embeddings = fromScope(scopeOutputs(graph, RULES.modernbertEmbeddingsNorm), 0, 'embeddings', RULES.modernbertEmbeddingsNorm);
  return [embeddings, ...blockSlots(blocks, layers, RULES.decoderBlock)];
}

function layerCountError(found: number, searched: string, layers: number): ProbeLensError {
  return new ProbeLensError(
    `The ONNX graph has at least ${found} layers matching ${searched}, but config.json says ${layers}. ` +
      'The config and the model file do not belong together.',
    'layers-not-found',
  );
}

/** A graph with more blocks than config.json says would silently drop layers: refuse it. */
function checkLayerCount(found: Map<number, string[]>, layers: number, rule: ScopeRule): void {
  const highest = Math.max(-1, ...found.keys());
  if (highest >= layers) throw layerCountError(highest + 1, rule.description, layers);
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

function slotsFor(graph: OnnxGraph, family: Family, layers: number): TapSlot[] {
  switch (FAMILIES[family].layout) {
    case 'gpt2':
      return gpt2Slots(graph, layers);
    case 'decoder':
      return decoderSlots(graph, layers);
    case 'modernbert':
      return modernbertSlots(graph, layers);
    case 'distilbert':
      return encoderSlots(graph, layers, RULES.distilbertLayer);
    case 'encoder':
      return encoderSlots(graph, layers, RULES.bertLayer);
  }
}

/** The tensor names of every hidden state, embeddings first (L + 1 names), or a 'layers-not-found' error. */
export function findLayerTaps(graph: OnnxGraph, family: Family, layers: number, source: string): string[] {
  const slots = slotsFor(graph, family, layers);
  const tensors = slots.map((s) => s.tensor);
  if (tensors.some((t) => t === undefined)) {
    throw new ProbeLensError(describeFailure(slots, family, source), 'layers-not-found');
  }
  return tensors as string[];
}
