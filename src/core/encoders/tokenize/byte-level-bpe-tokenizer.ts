import type { Family, Token, Tokenizer } from '../types';
import { AddedTokenSplitter, writtenAddedToken } from './added-tokens';
import { alignedSlice, type AlignedText } from './aligned-text';
import { BytePairEncoder } from './bpe';
import { GPT2_SPLIT, SPACE_CHAR, toByteWord, type ByteWord } from './byte-level';
import { wrapInSpecials } from './post-processor';
import type { ByteLevelBpeSpec } from './tokenizer-spec';

/**
 * GPT-2 / RoBERTa: GPT-2's split pattern, UTF-8 bytes as characters, BPE. A token's span is the span of the
 * characters its bytes come from, so tokens that hold parts of one character (CJK, emoji) share its span.
 */
export class ByteLevelBpeTokenizer implements Tokenizer {
  readonly specialCount: number;
  private readonly bpe: BytePairEncoder;
  private readonly addedTokens: AddedTokenSplitter;
  private readonly tokenById: string[] = [];

  constructor(
    readonly family: Family,
    readonly maxLength: number,
    readonly padId: number,
    private readonly spec: ByteLevelBpeSpec,
    source: string,
  ) {
    this.bpe = new BytePairEncoder(spec.vocab, spec.merges, source);
    this.addedTokens = new AddedTokenSplitter(spec.addedTokens);
    for (const [token, id] of spec.vocab) this.tokenById[id] = token;
    this.specialCount = spec.postProcessing.leading.length + spec.postProcessing.trailing.length;
  }

  tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    for (const segment of this.addedTokens.split(text)) {
      if (segment.token) {
        tokens.push(writtenAddedToken(segment.token, segment.start, segment.end));
        continue;
      }
      if (segment.start === segment.end) continue;
      // The prefix space is not in the text: it gets an empty span where the segment starts.
      const prefix = this.spec.addPrefixSpace && text[segment.start] !== ' ' ? ' ' : '';
      const aligned = alignedSlice(text, segment.start, segment.end, prefix);
      for (const [wordStart, wordEnd] of this.words(aligned)) {
        const bytes = toByteWord(aligned, wordStart, wordEnd);
        const { ids, lengths } = this.bpe.encode(bytes.chars);
        let from = 0;
        ids.forEach((id, k) => {
          const [start, end] = this.span(bytes, from, from + lengths[k]);
          tokens.push({ id, text: this.tokenById[id], start, end, special: false });
          from += lengths[k];
        });
      }
    }
    return tokens;
  }

  withSpecials(content: Token[], textLength: number): Token[] {
    return wrapInSpecials(this.spec.postProcessing, content, textLength);
  }

  private words(aligned: AlignedText): Array<[number, number]> {
    if (!this.spec.useRegex) return [[0, aligned.text.length]];
    return Array.from(aligned.text.matchAll(GPT2_SPLIT), (match) => [match.index, match.index + match[0].length]);
  }

  /** The original span of bytes [from, to); with trim_offsets (RoBERTa) leading and trailing spaces are left out. */
  private span(bytes: ByteWord, from: number, to: number): [number, number] {
    if (this.spec.postProcessing.trimOffsets) {
      const last = bytes.ends[to - 1];
      while (from < to && bytes.chars[from] === SPACE_CHAR) from++;
      while (to > from && bytes.chars[to - 1] === SPACE_CHAR) to--;
      if (from === to) return [last, last];
    }
    return [bytes.starts[from], bytes.ends[to - 1]];
  }
}
