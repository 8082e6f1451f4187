import type { Family, Token, Tokenizer } from '../types';
import { AddedTokenSplitter } from './added-tokens';
import { alignedSlice, type AlignedText } from './aligned-text';
import { BytePairEncoder, type EncodedWord } from './bpe';
import { SPACE_CHAR, toByteWord } from './byte-level';
import { wrapInSpecials } from './post-processor';
import type { PipelineSpec } from './tokenizer-spec';
import { UnigramModel } from './unigram';

/**
 * The tokenizer.json pipeline of BPE and Unigram tokenizers: added tokens, normalizer, pre-tokenizer, model,
 * post-processor. Byte-level BPE (GPT-2, RoBERTa, Llama 3, Qwen2, ModernBERT) turns each word into UTF-8 byte
 * characters first; SentencePiece BPE (Llama 2, Mistral, Gemma) and Unigram (XLM-R, DeBERTa-v3) work on the
 * characters, with ▁ for spaces and <0xXX> byte tokens for characters outside the vocabulary. A token's span is
 * that of the original characters it came from, so tokens holding parts of one character (bytes of a CJK
 * character or an emoji) share its span, and text the pipeline added (a prefix ▁ or space) has an empty span.
 */
export class PipelineTokenizer implements Tokenizer {
  readonly specialCount: number;
  private readonly model: { encode(word: string): EncodedWord };
  private readonly addedTokens: AddedTokenSplitter;
  private readonly tokenById: string[] = [];

  constructor(
    readonly family: Family,
    readonly maxLength: number,
    readonly padId: number,
    private readonly spec: PipelineSpec,
    source: string,
  ) {
    const model = spec.model;
    this.model =
      model.type === 'BPE'
        ? new BytePairEncoder(spec.vocab, model.merges, source, model.unknown)
        : new UnigramModel(model.pieces, model.unkId, model.byteFallback);
    this.addedTokens = new AddedTokenSplitter(spec.addedTokens);
    for (const [token, id] of spec.vocab) this.tokenById[id] ??= token;
    this.specialCount = spec.postProcessing.leading.length + spec.postProcessing.trailing.length;
  }

  tokenize(text: string): Token[] {
    return this.addedTokens.tokenize(text, (segment, tokens) => {
      const aligned = alignedSlice(text, segment.start, segment.end);
      const normalized = this.spec.normalizer ? this.spec.normalizer.normalize(aligned) : aligned;
      const words = this.spec.preTokenizer ? this.spec.preTokenizer.split([normalized], segment.start === 0) : [normalized];
      for (const word of words) {
        if (word.text.length > 0) this.encodeWord(word, tokens);
      }
    });
  }

  withSpecials(content: Token[], textLength: number): Token[] {
    return wrapInSpecials(this.spec.postProcessing, content, textLength);
  }

  private encodeWord(word: AlignedText, tokens: Token[]): void {
    const push = (id: number, start: number, end: number) => tokens.push({ id, text: this.tokenById[id], start, end, special: false });
    if (this.spec.byteLevel) {
      const bytes = toByteWord(word, 0, word.text.length);
      const { ids, starts, ends } = this.model.encode(bytes.chars);
      ids.forEach((id, k) => {
        let [from, to] = [starts[k], ends[k]];
        // trim_offsets (RoBERTa, ModernBERT): a token's span leaves out its leading and trailing spaces.
        if (this.spec.postProcessing.trimOffsets) {
          const last = bytes.ends[to - 1];
          while (from < to && bytes.chars[from] === SPACE_CHAR) from++;
          while (to > from && bytes.chars[to - 1] === SPACE_CHAR) to--;
          if (from === to) return push(id, last, last);
        }
        push(id, bytes.starts[from], bytes.ends[to - 1]);
      });
      return;
    }
    // Code point k of the word starts at UTF-16 unit units[k].
    const units = [0];
    for (const char of word.text) units.push(units[units.length - 1] + char.length);
    const { ids, starts, ends } = this.model.encode(word.text);
    ids.forEach((id, k) => push(id, word.starts[units[starts[k]]], word.ends[units[ends[k]] - 1]));
  }
}
