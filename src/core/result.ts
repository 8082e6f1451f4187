import type { Dtype, Family, Token } from './encoders/types';

/**
 * The typed result of comparing every strategy on one text: what the CLI prints as JSON and the panel renders.
 * Plain data only (no typed arrays, no classes), so it crosses worker and webview boundaries unchanged.
 */

export interface LabelProbability {
  label: string;
  probability: number;
}

/** One pooling strategy's sentiment verdict. */
export interface SentimentResult {
  strategy: string;
  label: string;
  /** Every label with its probability, in the probe's label order. */
  probabilities: LabelProbability[];
  /** Top probability minus the runner-up's. */
  margin: number;
  /** The weighted-sum pooling weights a_t, one per token of EncoderResult.tokens; absent for other strategies. */
  tokenWeights?: number[];
}

/** An entity found in the text; [start, end) indexes the original text in UTF-16 code units. */
export interface EntitySpan {
  start: number;
  end: number;
  type: string;
  text: string;
  /** Mean probability of the entity's word tags. */
  confidence: number;
}

/** One word's predicted tag. */
export interface WordTag {
  start: number;
  end: number;
  tag: string;
  confidence: number;
}

export type LayerWeights =
  /** DWAtt: alpha per word (rows follow NerResult.words) over the L + 1 layers. */
  | { kind: 'per-word'; layers: number; rows: number[][] }
  /** ScalarMix: one softmax-normalised weight per layer, and gamma. */
  | { kind: 'global'; weights: number[]; gamma: number };

/** One fusion strategy's NER output. */
export interface NerResult {
  strategy: string;
  spans: EntitySpan[];
  words: WordTag[];
  layerWeights?: LayerWeights;
}

export interface EncoderSummary {
  name: string;
  family: Family;
  layers: number;
  hiddenSize: number;
  dtype: Dtype;
}

/** Why a task has no results for an encoder (no probe trained yet, ...). */
export interface MissingTask {
  task: 'sentiment' | 'ner';
  reason: string;
}

export interface Timings {
  /** Loading the encoder and probes (0 when already warm). */
  loadMs: number;
  /** Tokenizing and the one forward pass of the encoder. */
  encodeMs: number;
  /** Every head together. */
  headsMs: number;
}

export interface EncoderResult {
  encoder: EncoderSummary;
  tokens: Token[];
  sentiment: SentimentResult[];
  ner: NerResult[];
  missing: MissingTask[];
  timings: Timings;
}

export interface CompareResult {
  text: string;
  encoders: EncoderResult[];
  /** Things the user should know about the input (e.g. it was truncated to N characters). */
  notices: string[];
}
