import { isCausal } from './encoders/model/families';
import type { Encoder, Family, HiddenStates, Token } from './encoders/types';
import { ProbeLensError, throwIfCancelled } from './errors';
import type { TagPrediction } from './heads/inference';
import { onnxHeads } from './heads/graph/onnx-heads';
import { POOLING_STRATEGIES } from './heads/registry';
import type { Probe } from './heads/probe/store';
import { decodeProbabilities } from './ner/decode';
import { firstTokenOfWords } from './ner/align';
import { hasVisibleText, splitWords, type CharSpan } from './ner/words';
import type { CompareResult, EncoderResult, MissingTask, NerResult } from './result';

/**
 * The one entry point of Probe Lens: a text goes through each encoder ONCE, and every probe of that encoder
 * reads the same hidden states. The CLI, the worker behind the panel and the hover all call this.
 */

export interface EncoderWithProbes {
  encoder: Encoder;
  probes: readonly Probe[];
  /** Time it took the caller to load the encoder and its probes (0 when they were warm). */
  loadMs?: number;
  /** Probe folders the caller skipped, with the reason (shown when a task ends up without probes). */
  skipped?: readonly string[];
}

export interface CompareOptions {
  /** Pooling strategies to run, in display order; default: every one that has a probe. */
  pooling?: readonly string[];
  /** Fusion strategies to run, in display order; default: every one that has a probe. */
  fusion?: readonly string[];
  /** Longer texts are cut to this many characters (at a whitespace when one is near), with a notice. */
  maxChars?: number;
  /** What sets maxChars, named in that notice (e.g. "--max-chars"). */
  maxCharsSource?: string;
  signal?: AbortSignal;
}

/** Cuts `text` to at most `maxChars` UTF-16 units without splitting a surrogate pair, preferring a word end. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  if (/[\uDC00-\uDFFF]/.test(text[end] ?? '') && end > 0) end -= 1;
  const lastSpace = text.slice(0, end).search(/\s\S*$/);
  if (lastSpace > maxChars * 0.9) end = lastSpace;
  return text.slice(0, end);
}

function ordered(probes: readonly Probe[], task: 'sentiment' | 'ner', wanted: readonly string[] | undefined): Probe[] {
  const ofTask = probes.filter((p) => p.config.task === task);
  if (!wanted) return ofTask;
  return wanted.flatMap((strategy) => ofTask.filter((p) => p.config.strategy === strategy));
}

function missingTask(
  task: 'sentiment' | 'ner',
  probes: readonly Probe[],
  used: readonly Probe[],
  wanted: readonly string[] | undefined,
  skipped: readonly string[],
): MissingTask | undefined {
  const have = new Set(used.map((p) => p.config.strategy));
  const absent = (wanted ?? []).filter((s) => !have.has(s));
  if (used.length > 0 && absent.length === 0) return undefined;
  const name = task === 'sentiment' ? 'sentiment (pooling)' : 'NER (fusion)';
  if (used.length > 0) return { task, reason: `No ${name} probe trained for: ${absent.join(', ')}.` };
  const trained = probes.some((p) => p.config.task === task);
  const reason = trained
    ? `None of the ${name} strategies asked for (${(wanted ?? []).join(', ')}) has a trained probe.`
    : `No ${name} probes are trained for this encoder yet.`;
  return { task, reason: skipped.length > 0 ? `${reason} Skipped: ${skipped.join(' ')}` : reason };
}

function nerOf(states: HiddenStates, prediction: TagPrediction, words: readonly CharSpan[]): NerResult {
  const decoded = decodeProbabilities(prediction.probabilities, prediction.labels, words, states.text);
  const result: NerResult = {
    strategy: prediction.strategy,
    spans: decoded.entities.map(({ start, end, type, text, confidence }) => ({
      start,
      end,
      type,
      text,
      confidence: confidence ?? 0,
    })),
    words: words.map(({ start, end }, i) => ({ start, end, tag: decoded.tags[i], confidence: decoded.tagConfidences[i] })),
  };
  if (prediction.layerWeights) result.layerWeights = prediction.layerWeights;
  return result;
}

/** The hidden states the probes read: the last layer for pooling, the fusion heads' input layers. */
function layersRead(encoder: Encoder, probes: readonly Probe[]): number[] {
  const top = encoder.identity.layers;
  return [...new Set(probes.flatMap((p) => (p.config.task === 'sentiment' ? [top] : p.head.inputLayers)))];
}

/** The words of `text` that some token of the encoder covers: a word made only of characters its tokenizer drops is none. */
function wordsRead(text: string, tokens: readonly Token[]): CharSpan[] {
  const words = splitWords(text);
  const first = firstTokenOfWords(tokens, words);
  return words.filter((_, w) => first[w] >= 0);
}

/** Runs one encoder once on `text` and every selected probe on its hidden states. */
export async function probeWithEncoder(
  text: string,
  target: EncoderWithProbes,
  options: CompareOptions = {},
): Promise<EncoderResult> {
  const { encoder, probes, skipped = [] } = target;
  const sentimentProbes = ordered(probes, 'sentiment', options.pooling);
  const nerProbes = ordered(probes, 'ner', options.fusion);
  const started = performance.now();
  const read = layersRead(encoder, [...sentimentProbes, ...nerProbes]);
  const [states] = await encoder.encode([text], { signal: options.signal, layers: read.length > 0 ? read : undefined });
  const encoded = performance.now();
  throwIfCancelled(options.signal);
  const words = nerProbes.length > 0 ? wordsRead(text, states.tokens) : [];
  const heads = { fingerprint: encoder.identity.fingerprint, runtime: encoder.runtime };
  const predictions = await onnxHeads.predict(states, heads, sentimentProbes, nerProbes, words);
  const { sentiment } = predictions;
  const ner = predictions.tags.map((prediction) => nerOf(states, prediction, words));
  const finished = performance.now();
  const missing = [
    missingTask('sentiment', probes, sentimentProbes, options.pooling, skipped),
    missingTask('ner', probes, nerProbes, options.fusion, skipped),
  ].filter((m): m is MissingTask => m !== undefined);
  const { name, family, layers, hiddenSize, dtype } = encoder.identity;
  return {
    encoder: { name, family, layers, hiddenSize, dtype },
    tokens: states.tokens,
    sentiment,
    ner,
    missing,
    timings: { loadMs: target.loadMs ?? 0, encodeMs: encoded - started, headsMs: finished - encoded },
  };
}

/**
 * `cls` pools the first token. In a causal model that token sees only itself (and with a BOS token it is the same
 * vector for every text), so its verdict depends on the first word at most: said next to the result, not hidden.
 */
export function causalClsNotice(name: string, family: Family): string {
  return (
    `${name} is a causal ${family} model: cls pooling reads the first token, which sees no other token (with a ` +
    'beginning-of-text token it is the same for every text), so its verdict depends on the first word at most. Use another pooling: ' +
    `${POOLING_STRATEGIES.filter((s) => s !== 'cls').join(', ')}.`
  );
}

/** Compares every selected strategy of every encoder on `text`. */
export async function compareText(
  text: string,
  encoders: readonly EncoderWithProbes[],
  options: CompareOptions = {},
): Promise<CompareResult> {
  if (!hasVisibleText(text)) {
    const what = text.trim() === '' ? 'The text is empty' : 'The text has no visible characters (only control or zero-width ones)';
    throw new ProbeLensError(`${what}: there is nothing to compare.`, 'bad-input');
  }
  if (encoders.length === 0) throw new ProbeLensError('No encoder is configured.', 'bad-input');
  const notices: string[] = [];
  let probed = text;
  if (options.maxChars !== undefined && text.length > options.maxChars) {
    probed = truncateText(text, options.maxChars);
    notices.push(
      `The text has ${text.length.toLocaleString('en-US')} characters; only the first ` +
        `${probed.length.toLocaleString('en-US')} were probed${options.maxCharsSource ? ` (the limit is ${options.maxCharsSource})` : ''}.`,
    );
  }
  const results: EncoderResult[] = [];
  for (const target of encoders) {
    throwIfCancelled(options.signal);
    results.push(await probeWithEncoder(probed, target, options));
  }
  for (const { encoder, sentiment } of results) {
    if (isCausal(encoder.family) && sentiment.some((s) => s.strategy === 'cls')) notices.push(causalClsNotice(encoder.name, encoder.family));
  }
  return { text: probed, encoders: results, notices };
}
