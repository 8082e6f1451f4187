import { AlignedTextBuilder, type AlignedText } from './aligned-text';
import {
  REPLACEMENT_CHARACTER,
  codePointAt,
  isChineseChar,
  isControl,
  isSurrogate,
  isWhitespace,
  unitWidth,
} from './unicode-classes';

export interface BertNormalizerOptions {
  /** Drop NUL, U+FFFD and control characters; turn every whitespace character into a space. */
  cleanText: boolean;
  /** Put spaces around CJK ideographs so each becomes a word. */
  handleChineseChars: boolean;
  /** NFD, then drop nonspacing marks. */
  stripAccents: boolean;
  lowercase: boolean;
}

const NONSPACING_MARKS = /\p{Mn}/gu;

/**
 * Hugging Face's BertNormalizer, applied one code point at a time: each of its steps maps a character to zero
 * or more characters independently of its neighbours, so each output unit can keep the span of its source.
 * (Whole-string NFD would also reorder runs of combining marks, but those are all dropped when stripping.)
 */
export class BertNormalizer {
  // Every step depends only on the code point, so its result is computed once per distinct character.
  private readonly memo = new Map<number, string>();

  constructor(private readonly options: BertNormalizerOptions) {}

  /** original[from, to), normalised. */
  normalize(original: string, from: number, to: number): AlignedText {
    const builder = new AlignedTextBuilder();
    for (let i = from; i < to; ) {
      const codePoint = codePointAt(original, i);
      const width = unitWidth(codePoint);
      const normalized = this.normalizeChar(codePoint);
      if (normalized) builder.append(normalized, i, i + width);
      i += width;
    }
    return builder.build();
  }

  /** What one character becomes: possibly nothing, possibly several characters. */
  private normalizeChar(codePoint: number): string {
    let normalized = this.memo.get(codePoint);
    if (normalized === undefined) {
      normalized = this.computeChar(codePoint);
      this.memo.set(codePoint, normalized);
    }
    return normalized;
  }

  private computeChar(codePoint: number): string {
    const { cleanText, handleChineseChars, stripAccents, lowercase } = this.options;
    // A lone surrogate cannot reach the Rust library; decoding it would give U+FFFD, so treat it as that.
    const char = isSurrogate(codePoint) ? REPLACEMENT_CHARACTER : codePoint;
    if (cleanText) {
      if (char === 0 || char === REPLACEMENT_CHARACTER || isControl(char)) return '';
      if (isWhitespace(char)) return ' ';
    }
    let text = String.fromCodePoint(char);
    if (stripAccents) text = text.normalize('NFD').replace(NONSPACING_MARKS, '');
    // Per character, like Rust's char::to_lowercase: no context rules such as the final sigma.
    if (lowercase) text = Array.from(text, (c) => c.toLowerCase()).join('');
    if (handleChineseChars && isChineseChar(char)) text = ` ${text} `;
    return text;
  }
}
