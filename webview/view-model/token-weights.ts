import type { Token } from '../../src/core/encoders/types';
import { splitIntoSegments, type CharRange } from './segments';

/** A piece of text with the pooling weight of the tokens over it. */
export interface WeightedSegment extends CharRange {
  /** The summed weight a_t of every token covering this piece (0 for text no token covers). */
  weight: number;
  /** weight relative to the heaviest piece, in [0, 1]: what the highlight strength shows. */
  strength: number;
  /** Indices into the token list. */
  tokens: number[];
}

export interface TokenWeightView {
  segments: WeightedSegment[];
  /** The weight the special tokens ([CLS], [SEP], …) took: they have no text to highlight. */
  specialWeight: number;
}

/**
 * The weighted-sum pooling weights as highlighting on the text. Special tokens (empty spans) are left out and
 * their weight reported apart. Byte-level tokens of one character (an emoji is several byte tokens sharing one
 * span) add up, so the highlight shows how much weight that piece of text took in all.
 */
export function tokenWeightView(text: string, tokens: readonly Token[], weights: readonly number[]): TokenWeightView {
  if (weights.length !== tokens.length) {
    throw new Error(`the result has ${weights.length} token weights for ${tokens.length} tokens`);
  }
  let specialWeight = 0;
  const ranges: CharRange[] = tokens.map((token, i) => {
    const drawn = !token.special && token.end > token.start;
    if (!drawn) specialWeight += finiteOrZero(weights[i]);
    return drawn ? token : { start: 0, end: 0 };
  });
  const pieces = splitIntoSegments(text, ranges);
  const summed = pieces.map((piece) => piece.covering.reduce((sum, i) => sum + finiteOrZero(weights[i]), 0));
  const heaviest = Math.max(0, ...summed);
  const segments = pieces.map((piece, i) => ({
    start: piece.start,
    end: piece.end,
    weight: summed[i],
    strength: heaviest > 0 ? Math.max(0, summed[i]) / heaviest : 0,
    tokens: piece.covering,
  }));
  return { segments, specialWeight };
}

/** The number of highlight steps the stylesheet defines (classes weight-1 … weight-N). */
export const WEIGHT_STEPS = 10;

/** The highlight step for a strength in [0, 1]: 0 (none) only for no weight at all, so any weight shows. */
export function weightStep(strength: number): number {
  if (!(strength > 0)) return 0;
  return Math.min(WEIGHT_STEPS, Math.ceil(strength * WEIGHT_STEPS));
}

function finiteOrZero(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? value : 0;
}
