import { TensorElemType } from '../../encoders/onnx/graph';
import type { Probe } from '../probe/store';
import { GraphBuilder } from './graph-builder';
import { FUSION_GRAPH_STRATEGIES, fusionHead, type WordInputs } from './fusion-graph';
import type { HeadTensors } from './head-graph';
import { POOLING_GRAPH_STRATEGIES, poolingHead } from './pooling-graph';

/** Names of the graph's inputs, fed by HeadsSession. */
export const HeadsInput = {
  /** The last layer's token vectors [tokens x hidden]. */
  top: 'top',
  /** Every layer's token vectors [layers x tokens x hidden], z_0 first. */
  layers: 'layers',
  /** The token row each word is read from (int64 [words]). */
  wordRows: 'word_rows',
} as const;

/** Graph outputs of one head; `scale` is ScalarMix's γ, a constant. */
export interface HeadOutputNames {
  probe: Probe;
  probabilities: string;
  tokenWeights?: string;
  layerWeights?: string;
  scale?: number;
}

export interface HeadsGraph {
  /** The ONNX model's bytes. */
  model: Uint8Array;
  /** The probes the graph computes, in the order given, with their outputs. */
  heads: HeadOutputNames[];
  /** Probes whose strategy has no ONNX form here (they run in JS). */
  unsupported: Probe[];
  /** Which optional inputs the graph has. */
  readsLayers: boolean;
  readsWords: boolean;
}

export function hasGraphForm(probe: Probe): boolean {
  const known = probe.config.task === 'sentiment' ? POOLING_GRAPH_STRATEGIES : FUSION_GRAPH_STRATEGIES;
  return known.has(probe.config.strategy);
}

/**
 * One graph computing every supported probe of a set from the encoder's hidden states of one text: pooling
 * probes read `top` (all its tokens), fusion probes the rows of `word_rows` (each word's first subword) of
 * `top` or of every layer. All probes must share one encoder shape (one encoder's probes do).
 */
export function buildHeadsGraph(probes: readonly Probe[]): HeadsGraph {
  const g = new GraphBuilder();
  const shape = probes[0]?.config.shape;
  const d = shape?.hiddenSize ?? 0;
  const numLayers = shape?.numLayers ?? 0;
  const supported = probes.filter(hasGraphForm);
  const ner = supported.some((p) => p.config.task === 'ner');
  const top = g.input(HeadsInput.top, ['tokens', d]);
  let layers: string | undefined;
  let words: WordInputs | undefined;
  if (ner) {
    const rows = g.input(HeadsInput.wordRows, ['words'], TensorElemType.int64);
    let all: string | undefined;
    words = {
      top: g.op('Gather', [top, rows], { axis: 0 }),
      all: () => {
        layers ??= g.input(HeadsInput.layers, [numLayers, 'tokens', d]);
        all ??= g.op('Gather', [layers, rows], { axis: 1 });
        return all;
      },
    };
  }
  const heads = supported.map((probe, index): HeadOutputNames => {
    const tensors: HeadTensors = probe.config.task === 'sentiment' ? poolingHead(g, probe, top) : fusionHead(g, probe, words!);
    const rows = probe.config.task === 'sentiment' ? 1 : 'words';
    const named: HeadOutputNames = { probe, probabilities: `head${index}.probabilities`, scale: tensors.scale };
    g.output(named.probabilities, tensors.probabilities, [rows, probe.config.labels.length]);
    if (tensors.tokenWeights) {
      named.tokenWeights = `head${index}.token_weights`;
      g.output(named.tokenWeights, tensors.tokenWeights, ['tokens', 1]);
    }
    if (tensors.layerWeights) {
      named.layerWeights = `head${index}.layer_weights`;
      g.output(named.layerWeights, tensors.layerWeights, [undefined, numLayers]);
    }
    return named;
  });
  return {
    model: g.toModel('probe-lens-heads'),
    heads,
    unsupported: probes.filter((p) => !hasGraphForm(p)),
    readsLayers: layers !== undefined,
    readsWords: ner,
  };
}
