import { ProbeLensError } from '../../errors';
import { readOnnxGraph, type OnnxGraph } from '../onnx/graph';
import { nodesNeededFor } from '../onnx/needed-nodes';
import { spliceGraph } from '../onnx/splice-graph';
import { MalformedMessageError } from '../onnx/wire';
import type { Family } from '../types';
import { findLayerTaps } from './find-taps';

/** The inputs an encoder graph may have; we know how to fill each. */
export const KNOWN_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids', 'position_ids'] as const;
export type KnownInput = (typeof KNOWN_INPUTS)[number];

export interface TapSpec {
  family: Family;
  layers: number;
  hiddenSize: number;
}

export interface TappedModel {
  /** The rewritten model's bytes, in order (mostly slices of the source). */
  chunks: Uint8Array[];
  /** Tensor names of hidden_states[0..L]. */
  taps: string[];
  inputs: KnownInput[];
}

export function parseModel(bytes: Uint8Array, source: string): OnnxGraph {
  try {
    return readOnnxGraph(bytes);
  } catch (error) {
    if (!(error instanceof MalformedMessageError)) throw error;
    throw new ProbeLensError(
      `${source} is not a complete ONNX model (${error.message}): the file is truncated or damaged. ` +
        'Download or export it again.',
      'bad-model',
    );
  }
}

function checkInputs(graph: OnnxGraph, source: string): KnownInput[] {
  const names = graph.inputs.map((i) => i.name);
  const unknown = names.filter((n) => !(KNOWN_INPUTS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    const cached = unknown.some((n) => n === 'use_cache_branch' || n.startsWith('past_key_values'));
    throw new ProbeLensError(
      cached
        ? `${source} expects past key/value inputs (a merged or with-past decoder), which cannot be tapped. ` +
            'Use model.onnx or decoder_model.onnx from the same export.'
        : `${source} needs inputs Probe Lens cannot supply: ${unknown.join(', ')}.`,
      'bad-model',
    );
  }
  if (!names.includes('input_ids')) {
    throw new ProbeLensError(`${source} has no input_ids input: it is not a text encoder.`, 'bad-model');
  }
  if (graph.usesExternalData) {
    throw new ProbeLensError(
      `${source} keeps its weights in a separate external-data file, which Probe Lens does not support yet.`,
      'bad-model',
    );
  }
  return names as KnownInput[];
}

/**
 * Finds the hidden-state tensors of a stock export and makes them the graph's outputs, typed as float
 * [batch, sequence, hidden] with the same symbolic batch and sequence dimensions as input_ids. Other outputs and
 * the nodes no tap needs (a decoder's LM head) are dropped: onnxruntime would run them on every call.
 */
export function buildTappedModel(bytes: Uint8Array, spec: TapSpec, source: string): TappedModel {
  const graph = parseModel(bytes, source);
  const inputs = checkInputs(graph, source);
  const taps = findLayerTaps(graph, spec.family, spec.layers, source);
  const [batch = 'batch_size', sequence = 'sequence_length'] = graph.inputs.find((i) => i.name === 'input_ids')
    ?.dims ?? [];
  const tapNames = new Set(taps);
  const keptOutputs = graph.outputs.map((o) => o.name).filter((name) => tapNames.has(name));
  const addOutputs = taps
    .filter((t) => !keptOutputs.includes(t))
    .map((name) => ({ name, dims: [batch, sequence, spec.hiddenSize] }));
  const needed = nodesNeededFor(graph, taps);
  const chunks = spliceGraph(bytes, graph, {
    keepNode: (index) => needed.has(index),
    keepOutput: (index) => tapNames.has(graph.outputs[index].name),
    addOutputs,
  });
  return { chunks, taps, inputs };
}
