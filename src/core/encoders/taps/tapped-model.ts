import { ProbeLensError } from '../../errors';
import type { ModelConfig } from '../model/config';
import { activationType } from '../onnx/graph-facts';
import { readOnnxGraph, TensorElemType, type OnnxDim, type OnnxGraph } from '../onnx/graph';
import { nodesNeededFor } from '../onnx/needed-nodes';
import { spliceGraph } from '../onnx/splice-graph';
import { MalformedMessageError } from '../onnx/wire';
import type { OnnxNodeSpec } from '../onnx/write-model';
import type { Family } from '../types';
import { findLayerTaps } from './find-taps';
import { findLmHead, type LmHead } from './lm-head';

/** The token inputs an encoder graph may have; we know how to fill each from a padded batch. */
export const TOKEN_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids', 'position_ids'] as const;
export type TokenInput = (typeof TOKEN_INPUTS)[number];

/** How to fill one graph input. */
export type InputFeed =
  | { name: TokenInput; kind: 'tokens' }
  /** A decoder's key/value cache: an empty past, [rows, kvHeads, 0, headDim] of elemType. */
  | { name: string; kind: 'empty-past'; elemType: number; kvHeads: number; headDim: number }
  /** How many positions the LM head computes logits for: 0 is every one. */
  | { name: string; kind: 'logits-to-keep' };

export interface TapSpec {
  family: Family;
  layers: number;
  hiddenSize: number;
  /** The shape of a decoder's key/value cache, for past inputs whose graph shape is symbolic. */
  cache?: ModelConfig['cache'];
}

/** A graph ready for onnxruntime: its bytes (mostly slices of the source), the outputs to fetch, the feeds. */
export interface TappedGraph {
  chunks: Uint8Array[];
  /** Output names of hidden_states[0..L], all float32 (a Cast follows taps of float16 models). */
  taps: string[];
  inputs: InputFeed[];
  /** The activations' ONNX element type (float16 for a float16 model). */
  activationType: number;
  /**
   * For checking the taps (buildTappedModel's `verify`): the LM head, and as float32 outputs its logits (before any
   * soft-capping) and its input.
   */
  head?: LmHead;
  logits?: string;
  headInput?: string;
}

export function notComplete(source: string, error: MalformedMessageError): ProbeLensError {
  return new ProbeLensError(
    `${source} is not a complete ONNX model (${error.message}): the file is truncated or damaged. Download or export it again.`,
    'bad-model',
  );
}

export function parseModel(bytes: Uint8Array, source: string): OnnxGraph {
  try {
    return readOnnxGraph(bytes);
  } catch (error) {
    if (!(error instanceof MalformedMessageError)) throw error;
    throw notComplete(source, error);
  }
}

const PAST = /^past_key_values\.\d+\.(?:key|value)$|^past\.\d+\.(?:key|value)$/;
const LOGITS_TO_KEEP = new Set(['num_logits_to_keep', 'logits_to_keep']);

function feedFor(graph: OnnxGraph, index: number, spec: TapSpec, source: string): InputFeed | string {
  const { name, dims = [], elemType = TensorElemType.float } = graph.inputs[index];
  if ((TOKEN_INPUTS as readonly string[]).includes(name)) return { name: name as TokenInput, kind: 'tokens' };
  if (LOGITS_TO_KEEP.has(name)) return { name, kind: 'logits-to-keep' };
  if (PAST.test(name)) {
    const fixed = (dim: OnnxDim, fallback: number | undefined) => (typeof dim === 'number' ? dim : fallback);
    const kvHeads = fixed(dims[1], spec.cache?.kvHeads);
    const headDim = fixed(dims[3], spec.cache?.headDim);
    if (kvHeads === undefined || headDim === undefined) {
      throw new ProbeLensError(`${source}: the shape of ${name} is not given and config.json does not tell it.`, 'bad-model');
    }
    return { name, kind: 'empty-past', elemType, kvHeads, headDim };
  }
  return name;
}

function checkGraphInputs(graph: OnnxGraph, source: string): void {
  const names = graph.inputs.map((i) => i.name);
  if (names.includes('use_cache_branch')) {
    throw new ProbeLensError(
      `${source} is a merged decoder (a use_cache_branch input and an If over cache branches), which cannot be ` +
        'tapped. Use model.onnx or decoder_model.onnx from the same export.',
      'bad-model',
    );
  }
  if (!names.includes('input_ids')) {
    throw new ProbeLensError(`${source} has no input_ids input: it is not a text model.`, 'bad-model');
  }
}

/** How to feed every input of a stock graph (for running it untapped, as the benchmark's reference does). */
export function graphFeeds(graph: OnnxGraph, spec: TapSpec, source: string): InputFeed[] {
  return planInputs(graph, new Set(graph.inputs.map((i) => i.name)), spec, source);
}

/** How to feed every input the rewritten graph reads, or a refusal naming the inputs nobody can supply. */
function planInputs(graph: OnnxGraph, kept: ReadonlySet<string>, spec: TapSpec, source: string): InputFeed[] {
  const feeds = graph.inputs.flatMap((input, i) => (kept.has(input.name) ? [feedFor(graph, i, spec, source)] : []));
  const unknown = feeds.filter((f): f is string => typeof f === 'string');
  if (unknown.length > 0) throw new ProbeLensError(`${source} needs inputs Probe Lens cannot supply: ${unknown.join(', ')}.`, 'bad-model');
  return feeds as InputFeed[];
}

const FLOAT32_SUFFIX = '::probe-lens-float32';

/**
 * The graph with `tensors` as its only outputs, each float32: tensors of another float type (a float16 model's
 * activations) get a Cast. Nodes none of them needs (a decoder's LM head, a pooler) and inputs no kept node reads
 * are dropped: onnxruntime would run (and want fed) them on every call.
 */
function graphWithOutputs(bytes: Uint8Array, graph: OnnxGraph, tensors: Array<{ name: string; dims: OnnxDim[] }>, elemType: number) {
  const cast = elemType !== TensorElemType.float;
  const outputNames = tensors.map((t) => (cast ? `${t.name}${FLOAT32_SUFFIX}` : t.name));
  const needed = nodesNeededFor(graph, tensors.map((t) => t.name));
  const read = new Set([...needed].flatMap((i) => graph.nodes[i].inputs));
  const wanted = new Set(outputNames);
  const keptOutputs = graph.outputs.map((o) => o.name).filter((name) => wanted.has(name));
  const addNodes: OnnxNodeSpec[] = cast
    ? tensors.map((t, i) => ({ opType: 'Cast', inputs: [t.name], outputs: [outputNames[i]], attributes: { to: TensorElemType.float } }))
    : [];
  const chunks = spliceGraph(bytes, graph, {
    keepNode: (index) => needed.has(index),
    keepOutput: (index) => wanted.has(graph.outputs[index].name),
    keepInput: (index) => read.has(graph.inputs[index].name),
    addNodes,
    addOutputs: tensors.map((t, i) => ({ name: outputNames[i], dims: t.dims })).filter((o) => !keptOutputs.includes(o.name)),
  });
  return { chunks, outputNames, keptInputs: new Set([...read].filter((name) => graph.inputs.some((i) => i.name === name))) };
}

/**
 * Finds the hidden-state tensors of a stock export and makes them the graph's outputs, typed as float32
 * [batch, sequence, hidden] with the same symbolic batch and sequence dimensions as input_ids. With `verify`,
 * the LM head's logits (and its input, when it is not the last tap) stay outputs too, for checking the taps.
 */
export function buildTappedModel(bytes: Uint8Array, spec: TapSpec, source: string, verify = false): TappedGraph {
  const graph = parseModel(bytes, source);
  checkGraphInputs(graph, source);
  const taps = findLayerTaps(graph, spec.family, spec.layers, source);
  const [batch = 'batch_size', sequence = 'sequence_length'] = graph.inputs.find((i) => i.name === 'input_ids')?.dims ?? [];
  const hiddenDims: OnnxDim[] = [batch, sequence, spec.hiddenSize];
  const tensors = taps.map((name) => ({ name, dims: hiddenDims }));
  const head = verify ? findLmHead(graph) : undefined;
  // A float head is multiplied out from its own output: the logits before any soft-capping (Gemma 2). A quantised
  // one is checked by what it reads, which is the last tap itself unless the graph computes it another way.
  const withLogits = head?.weight !== undefined;
  const readsOtherTensor = head !== undefined && !head.weight && head.input !== taps[taps.length - 1];
  if (withLogits) tensors.push({ name: head.output, dims: graph.outputs.find((o) => o.name === 'logits')?.dims ?? [batch, sequence, undefined] });
  if (readsOtherTensor) tensors.push({ name: head.input, dims: hiddenDims });
  const activation = activationType(graph);
  const built = graphWithOutputs(bytes, graph, tensors, activation);
  return {
    chunks: built.chunks,
    taps: built.outputNames.slice(0, taps.length),
    inputs: planInputs(graph, built.keptInputs, spec, source),
    activationType: activation,
    ...(head ? { head } : {}),
    ...(withLogits ? { logits: built.outputNames[taps.length] } : {}),
    ...(readsOtherTensor ? { headInput: built.outputNames[taps.length] } : {}),
  };
}
