import type { HiddenStates } from '../encoders/types';
import { ProbeLensError } from '../errors';
import type { CharSpan } from '../ner/words';
import type { LabelProbability, LayerWeights } from '../result';
import { wordTokenRows } from '../train/feature-rows';
import { softmaxRows, Tape, Tensor } from './autograd';
import type { HeadBatch, HeadOutput } from './head';
import type { Probe } from './probe/store';

/** A pooling head's verdict on one text (plain data, as Result carries it). */
export interface SentimentPrediction {
  strategy: string;
  label: string;
  probabilities: LabelProbability[];
  /** Top probability minus the runner-up's. */
  margin: number;
  /** weighted only: a_t for every token of states.tokens (special tokens included). */
  tokenWeights?: number[];
}

/** A fusion head's tags for the words of one text. */
export interface TagPrediction {
  strategy: string;
  labels: string[];
  /** Row-major [words x labels] softmax probabilities, for decodeProbabilities in ner/decode. */
  probabilities: Float32Array;
  /** The token each word was read from (its first subword). */
  wordTokens: Int32Array;
  /** dwatt: α per word over the layers; scalarmix: the global mix and γ. */
  layerWeights?: LayerWeights;
}

/** Throws when `states` do not fit the probe's encoder shape, or hold no token. */
export function checkStates(states: HiddenStates, probe: Probe): void {
  const { shape, strategy } = probe.config;
  if (states.hiddenSize !== shape.hiddenSize || states.numLayers !== shape.numLayers) {
    throw new ProbeLensError(
      `The ${strategy} probe expects ${shape.numLayers} layers of size ${shape.hiddenSize}, the encoder gave ${states.numLayers} of ${states.hiddenSize}.`,
      'probe',
    );
  }
  if (states.tokens.length === 0) throw new ProbeLensError('The text has no tokens to classify; select some text.', 'bad-input');
}

/** Runs a head without gradients on rows copied out of `states` (standardisation works in place). */
function run(probe: Probe, layers: Float32Array[], rows: number, offsets: Int32Array): { output: HeadOutput; probabilities: Float32Array } {
  const d = probe.config.shape.hiddenSize;
  const batch: HeadBatch = {
    layers: layers.map((data, i) => {
      probe.standardizer.apply(probe.head.inputLayers[i], data);
      return new Tensor(data, rows, d);
    }),
    offsets,
  };
  const tape = new Tape(false);
  const output = probe.head.forward(tape, batch);
  return { output, probabilities: Float32Array.from(softmaxRows(tape, output.logits).data) };
}

/** A pooling probe's verdict from its label probabilities (and weighted pooling's token weights). */
export function sentimentPrediction(probe: Probe, probabilities: Float32Array, tokenWeights?: ArrayLike<number>): SentimentPrediction {
  const { labels } = probe.config;
  const order = Array.from(probabilities.keys()).sort((a, b) => probabilities[b] - probabilities[a]);
  const prediction: SentimentPrediction = {
    strategy: probe.config.strategy,
    label: labels[order[0]],
    probabilities: labels.map((label, i) => ({ label, probability: probabilities[i] })),
    margin: probabilities[order[0]] - probabilities[order[1]],
  };
  if (tokenWeights) prediction.tokenWeights = Array.from(tokenWeights);
  return prediction;
}

/** The sentiment of the whole of `states.text` under a pooling probe. */
export function predictSentiment(states: HiddenStates, probe: Probe): SentimentPrediction {
  if (probe.config.task !== 'sentiment') throw new Error(`predictSentiment: ${probe.config.strategy} is a ${probe.config.task} probe`);
  checkStates(states, probe);
  const count = states.tokens.length;
  const top = states.layers[states.numLayers - 1].slice(0, count * states.hiddenSize);
  const { output, probabilities } = run(probe, [top], count, Int32Array.from([0, count]));
  return sentimentPrediction(probe, probabilities, output.tokenWeights?.data);
}

/** Row-major layer weights: one row (ScalarMix, with its γ) or one per word (DWAtt). */
export interface LayerWeightRows {
  data: ArrayLike<number>;
  rows: number;
  cols: number;
}

/** A fusion probe's tags from its [words x labels] probabilities and the rows the words were read from. */
export function tagPrediction(
  probe: Probe,
  probabilities: Float32Array,
  wordTokens: Int32Array,
  weights?: LayerWeightRows,
  scale?: number,
): TagPrediction {
  const { labels, strategy } = probe.config;
  const prediction: TagPrediction = { strategy, labels, probabilities, wordTokens };
  if (weights && weights.rows === 1) {
    prediction.layerWeights = { kind: 'global', weights: Array.from(weights.data), gamma: scale ?? 1 };
  } else if (weights) {
    const n = weights.cols;
    prediction.layerWeights = {
      kind: 'per-word',
      layers: n,
      rows: Array.from({ length: weights.rows }, (_, w) => Array.from({ length: n }, (_, j) => weights.data[w * n + j])),
    };
  }
  return prediction;
}

/** A fusion probe's prediction for a text without words. */
export function noTags(probe: Probe): TagPrediction {
  const { labels, strategy } = probe.config;
  return { strategy, labels, probabilities: new Float32Array(0), wordTokens: new Int32Array(0) };
}

/**
 * Per-word tag probabilities under a fusion probe, each word read at its first subword (as in training).
 * `words` are spans in states.text, e.g. from splitWords (ner/words).
 */
export function predictTags(states: HiddenStates, probe: Probe, words: readonly CharSpan[]): TagPrediction {
  if (probe.config.task !== 'ner') throw new Error(`predictTags: ${probe.config.strategy} is a ${probe.config.task} probe`);
  if (words.length === 0) return noTags(probe);
  checkStates(states, probe);
  const { rows } = wordTokenRows(states, words);
  const d = states.hiddenSize;
  const layers = probe.head.inputLayers.map((l) => {
    const layer = states.layers[l];
    const out = new Float32Array(rows.length * d);
    rows.forEach((t, w) => out.set(layer.subarray(t * d, (t + 1) * d), w * d));
    return out;
  });
  const { output, probabilities } = run(probe, layers, rows.length, Int32Array.from([0, rows.length]));
  return tagPrediction(probe, probabilities, rows, output.layerWeights, output.scale);
}
