import type { HiddenStates } from '../encoders/types';
import { ProbeLensError } from '../errors';
import type { CharSpan } from '../ner/words';
import type { LayerWeights, SentimentResult } from '../result';
import { wordTokenRows } from '../ner/align';
import { softmaxRow, Tape, Tensor } from './autograd';
import type { HeadOutput, Matrix } from './strategy/definition';
import type { Probe } from './probe/store';

/** A fusion head's tags for the words of one text, before decoding into entities. */
export interface TagPrediction {
  strategy: string;
  labels: string[];
  /** Row-major [words x labels] softmax probabilities, for decodeProbabilities in ner/decode. */
  probabilities: Float32Array;
  /** The token each word was read from (its first subword). */
  wordTokens: Int32Array;
  /** DWAtt: α per word over the layers; ScalarMix: the global mix and γ. */
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

/** Softmax of each row of logits. */
function probabilitiesOf(logits: Matrix): Float32Array {
  const out = new Float32Array(logits.rows * logits.cols);
  const data = Float32Array.from(logits.data);
  for (let r = 0; r < logits.rows; r++) softmaxRow(data, out, r * logits.cols, logits.cols);
  return out;
}

/** Runs a head eagerly, without gradients, on rows copied out of `states` (standardisation works in place). */
function run(probe: Probe, layers: Float32Array[], rows: number): HeadOutput<Matrix> {
  const d = probe.config.shape.hiddenSize;
  const tensors = layers.map((data, i) => {
    probe.standardizer.apply(probe.head.inputLayers[i], data);
    return new Tensor(data, rows, d);
  });
  return probe.head.forward(new Tape(false), { layers: tensors, offsets: Int32Array.from([0, rows]) });
}

/** A pooling probe's verdict on one text from its head's output. */
export function sentimentPrediction(probe: Probe, output: HeadOutput<Matrix>): SentimentResult {
  const { labels, strategy } = probe.config;
  const probabilities = probabilitiesOf(output.logits);
  const order = Array.from(probabilities.keys()).sort((a, b) => probabilities[b] - probabilities[a]);
  const prediction: SentimentResult = {
    strategy,
    label: labels[order[0]],
    probabilities: labels.map((label, i) => ({ label, probability: probabilities[i] })),
    margin: probabilities[order[0]] - probabilities[order[1]],
  };
  if (output.tokenWeights) prediction.tokenWeights = Array.from(output.tokenWeights.data);
  return prediction;
}

/** The sentiment of the whole of `states.text` under a pooling probe, computed in JavaScript. */
export function predictSentiment(states: HiddenStates, probe: Probe): SentimentResult {
  if (probe.config.task !== 'sentiment') throw new Error(`predictSentiment: ${probe.config.strategy} is a ${probe.config.task} probe`);
  checkStates(states, probe);
  const count = states.tokens.length;
  const top = states.layers[states.numLayers - 1].slice(0, count * states.hiddenSize);
  return sentimentPrediction(probe, run(probe, [top], count));
}

/** A fusion probe's tags from its head's output on the words read at `wordTokens`. */
export function tagPrediction(probe: Probe, output: HeadOutput<Matrix>, wordTokens: Int32Array): TagPrediction {
  const { labels, strategy } = probe.config;
  const prediction: TagPrediction = { strategy, labels, probabilities: probabilitiesOf(output.logits), wordTokens };
  const weights = output.layerWeights;
  if (weights && weights.rows === 1) {
    prediction.layerWeights = { kind: 'global', weights: Array.from(weights.data), gamma: output.scale?.data[0] ?? 1 };
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
 * Per-word tag probabilities under a fusion probe, each word read at its first subword (as in training),
 * computed in JavaScript. `words` are spans in states.text, e.g. from splitWords (ner/words).
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
  return tagPrediction(probe, run(probe, layers, rows.length), rows);
}
