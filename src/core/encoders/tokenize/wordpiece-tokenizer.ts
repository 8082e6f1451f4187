import type { Family, Token, Tokenizer } from '../types';
import { AddedTokenSplitter } from './added-tokens';
import { alignedSlice, originalSpan } from './aligned-text';
import { BertNormalizer } from './bert-normalizer';
import { splitBertWords } from './bert-pre-tokenizer';
import { wrapInSpecials } from './post-processor';
import type { WordPieceSpec } from './tokenizer-spec';
import { codePointAt, unitWidth } from './unicode-classes';
import { WordPiece } from './wordpiece';

const NONSPACING_MARK = /^\p{Mn}$/u;

/** BERT / DistilBERT: BertNormalizer, BertPreTokenizer, WordPiece; offsets through the normalisation. */
export class WordPieceTokenizer implements Tokenizer {
  readonly specialCount: number;
  private readonly normalizer: BertNormalizer | null;
  private readonly model: WordPiece;
  private readonly addedTokens: AddedTokenSplitter;

  constructor(
    readonly family: Family,
    readonly maxLength: number,
    readonly padId: number,
    private readonly spec: WordPieceSpec,
  ) {
    this.normalizer = spec.normalizer && new BertNormalizer(spec.normalizer);
    this.model = new WordPiece(spec);
    this.addedTokens = new AddedTokenSplitter(spec.addedTokens);
    this.specialCount = spec.postProcessing.leading.length + spec.postProcessing.trailing.length;
  }

  tokenize(text: string): Token[] {
    const tokens = this.addedTokens.tokenize(text, (segment, into) => {
      const aligned = this.normalizer
        ? this.normalizer.normalize(text, segment.start, segment.end)
        : alignedSlice(text, segment.start, segment.end);
      for (const [wordStart, wordEnd] of splitBertWords(aligned.text)) {
        for (const piece of this.model.tokenizeWord(aligned.text.slice(wordStart, wordEnd))) {
          const [start, end] = originalSpan(aligned, wordStart + piece.start, wordStart + piece.end);
          into.push({ id: piece.id, text: piece.text, start, end, special: false });
        }
      }
    });
    if (this.spec.normalizer?.stripAccents) coverStrippedMarks(text, tokens);
    return tokens;
  }

  withSpecials(content: Token[], textLength: number): Token[] {
    return wrapInSpecials(this.spec.postProcessing, content, textLength);
  }
}

/**
 * Stripping accents drops nonspacing marks, so Hugging Face's offsets for "cafe\u0301" stop before the accent.
 * The accent is drawn on the letter before it, so we extend a token over the marks right after it (that no
 * other token covers): a highlight then covers the whole character. Text without such marks is unaffected.
 */
function coverStrippedMarks(text: string, tokens: Token[]): void {
  tokens.forEach((token, k) => {
    const limit = k + 1 < tokens.length ? tokens[k + 1].start : text.length;
    while (token.end < limit) {
      const codePoint = codePointAt(text, token.end);
      if (!NONSPACING_MARK.test(String.fromCodePoint(codePoint))) break;
      token.end += unitWidth(codePoint);
    }
  });
}
