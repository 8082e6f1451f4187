/**
 * Random Unicode strings (the whole code-point range, combining marks, whitespace, controls, lone surrogates,
 * CJK, emoji, added tokens): tokenizing never throws, spans stay in range and in order, and every character
 * is covered by a content token's span except the ones listed per tokenizer below.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Token, Tokenizer } from '../../../src/core/encoders/types';
import { bertCased, bertUncased, build, gpt2, llama2, llama3, metaspaceFiles, modernbert, qwen2, replaceOnlyFiles, roberta, unigram } from './fixtures';

const range = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((codePoint) => String.fromCodePoint(codePoint));

const piece = fc.oneof(
  range(0, 0x10ffff), // includes 0xD800..0xDFFF, which String.fromCodePoint turns into lone surrogates
  range(0xd800, 0xdfff),
  range(0x20, 0x7e),
  range(0x61, 0x7a).map((letter) => letter.repeat(3)),
  range(0x300, 0x36f), // combining marks
  range(0xc0, 0x17f), // accented Latin
  range(0xac00, 0xd7a3), // Hangul syllables (NFD splits them)
  range(0x4e00, 0x9fff),
  range(0x20000, 0x2a6df), // CJK outside the BMP
  range(0x1f300, 0x1faff), // emoji
  range(0, 0x1f),
  range(0x7f, 0x9f),
  fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\u0085', '\u2028', '\ufeff'),
  fc.constantFrom('\u0000', '\u200b', '\u200d', '\u00ad', '\ufffd', '\ue000', 'İ', 'ß', 'Σ', 'ﬁ'),
  fc.constantFrom('[CLS]', '[MASK]', '<|endoftext|>', '<mask>', '<s>', '</s>', '<|begin_of_text|>', '\u2581', '  ', 'don\'t', 'DON\'T', '12345'),
);
const unicodeText = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

const WHITE_SPACE = /^\p{White_Space}$/u;
const CONTROL = /^[\p{Cc}\p{Cf}\p{Co}]$/u;
const ONLY_NONSPACING_MARKS = /^\p{Mn}+$/u;
const isLoneSurrogate = (char: string): boolean => char.length === 1 && char >= '\ud800' && char <= '\udfff';
/** Dropped or made spaces by the Precompiled normalizer (transformers.js' reading of SentencePiece's nmt_nfkc). */
// eslint-disable-next-line no-control-regex
const PRECOMPILED_GONE = /^[\u0001-\u000D\u000E-\u001F\u007F\u008F\u009F\u00A0\u1680\u2000-\u200F\u2028\u2029\u202F\u205F\u2581\u3000\uFEFF\uFFFD]$/u;

/** Characters a tokenizer may leave outside every span. */
type Exempt = (char: string) => boolean;

/**
 * WordPiece: exactly the characters BERT's normalisation turns into nothing or a space, namely whitespace;
 * what text cleaning removes (NUL, U+FFFD, lone surrogates, control/format/private-use characters); and, when
 * accents are stripped, characters that are only nonspacing marks after NFD.
 */
const wordPieceExempt =
  (stripAccents: boolean): Exempt =>
  (char) =>
    WHITE_SPACE.test(char) ||
    CONTROL.test(char) ||
    char === '\u0000' ||
    char === '\ufffd' ||
    isLoneSurrogate(char) ||
    (stripAccents && ONLY_NONSPACING_MARKS.test(char.normalize('NFD')));

const TOKENIZERS: Array<[string, Tokenizer, Exempt]> = [
  ['WordPiece uncased', bertUncased(), wordPieceExempt(true)],
  ['WordPiece cased', bertCased(), wordPieceExempt(false)],
  // GPT-2 turns every byte into a token and does not trim offsets: every character is covered, spaces too.
  ['byte-level GPT-2', gpt2(), () => false],
  // RoBERTa trims spaces (U+0020 only) from offsets.
  ['byte-level RoBERTa', roberta(), (char) => char === ' '],
  // SentencePiece BPE with byte fallback: every character is a piece or its bytes, spaces are ▁.
  ['SentencePiece BPE, Llama 2 (Prepend + Replace)', llama2(), () => false],
  ['SentencePiece BPE, Metaspace', build(metaspaceFiles(), 'mistral', 8192), () => false],
  ['SentencePiece BPE, Replace only (Gemma)', build(replaceOnlyFiles(), 'gemma', 8192), () => false],
  ['byte-level BPE, Llama 3 Split', llama3(), () => false],
  ['byte-level BPE, NFC + Qwen2 Split', qwen2(), () => false],
  ['byte-level BPE, ModernBERT', modernbert(), () => false],
  // Unigram behind XLM-R's normalizers: what SentencePiece's rules delete or turn into a space is not in any word.
  ['Unigram, XLM-R pipeline', unigram(), (char) => WHITE_SPACE.test(char) || isLoneSurrogate(char) || PRECOMPILED_GONE.test(char)],
];

/** The characters of `text` (code points; a lone surrogate is one) with their [start, end). */
function characters(text: string): Array<[string, number, number]> {
  const result: Array<[string, number, number]> = [];
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i) as number);
    result.push([char, i, i + char.length]);
    i += char.length;
  }
  return result;
}

function checkSpans(text: string, tokens: Token[], exempt: Exempt): void {
  const boundaries = new Set(characters(text).map(([, start]) => start).concat(text.length));
  tokens.forEach((token, i) => {
    assert.equal(token.special, false, 'tokenize returns content tokens only');
    assert.ok(Number.isInteger(token.id) && token.id >= 0, `token ${i} has an id`);
    assert.ok(0 <= token.start && token.start <= token.end && token.end <= text.length, `token ${i} in range`);
    assert.ok(boundaries.has(token.start) && boundaries.has(token.end), `token ${i} does not cut a surrogate pair`);
    if (i > 0) {
      assert.ok(tokens[i - 1].start <= token.start, `token ${i} starts after token ${i - 1}`);
      assert.ok(tokens[i - 1].end <= token.end, `token ${i} ends after token ${i - 1}`);
    }
  });
  for (const [char, start, end] of characters(text)) {
    if (exempt(char)) continue;
    const covered = tokens.some((token) => token.start <= start && end <= token.end);
    assert.ok(covered, `U+${char.codePointAt(0)?.toString(16)} at ${start} is covered by a token`);
  }
}

describe('tokenizers on random Unicode strings', () => {
  for (const [name, tokenizer, exempt] of TOKENIZERS) {
    it(`${name}: never throws, spans in range and in order, every other character covered`, () => {
      fc.assert(
        fc.property(unicodeText, (text) => {
          const tokens = tokenizer.tokenize(text);
          checkSpans(text, tokens, exempt);
          const wrapped = tokenizer.withSpecials(tokens, text.length);
          assert.equal(wrapped.length, tokens.length + tokenizer.specialCount);
          for (const token of wrapped.filter((t) => t.special)) {
            assert.ok(token.start === token.end && (token.start === 0 || token.start === text.length));
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
