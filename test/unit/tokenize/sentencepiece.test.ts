/** SentencePiece BPE, Unigram and the tokenizer.json pipeline steps they use, case by case, with their offsets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignedSlice } from '../../../src/core/encoders/tokenize/aligned-text';
import { JsonFields } from '../../../src/core/encoders/tokenize/json-fields';
import { readNormalizer } from '../../../src/core/encoders/tokenize/normalizers';
import { translateRegex } from '../../../src/core/encoders/tokenize/patterns';
import { splitWord } from '../../../src/core/encoders/tokenize/pre-tokenizers';
import { build, llama2, llama3, metaspaceFiles, spans, texts, unigram } from './fixtures';

const fields = new JsonFields('test');
const words = (text: string, pattern: RegExp, behavior: Parameters<typeof splitWord>[2], invert = false) =>
  splitWord(alignedSlice(text, 0, text.length), pattern, behavior, invert).map((w) => w.text);

describe('SentencePiece BPE (Llama 2)', () => {
  const tokenizer = llama2();

  it('the ▁ the normalizer prepends is not in the text: alone it has an empty span, in a word it adds none', () => {
    const tokens = tokenizer.tokenize(' leading');
    assert.deepEqual(texts(tokens), ['\u2581', '\u2581leading']);
    assert.deepEqual(spans(tokens), [[0, 0], [0, 8]]);
    assert.deepEqual(spans(tokenizer.tokenize('Hi')), [[0, 2]]);
  });

  it('byte tokens (<0xF0> ...) of a character outside the vocabulary each cover the whole character', () => {
    const tokens = tokenizer.tokenize('a🚀');
    const bytes = tokens.filter((t) => /^<0x[0-9A-F]{2}>$/.test(t.text));
    assert.deepEqual(texts(bytes), ['<0xF0>', '<0x9F>', '<0x9A>', '<0x80>']);
    assert.ok(bytes.every((t) => t.start === 1 && t.end === 3), JSON.stringify(spans(tokens)));
  });

  it('an added token splits the text, and each side is normalised on its own (▁ prepended to both)', () => {
    const tokens = tokenizer.tokenize('hi</s>there');
    assert.deepEqual(texts(tokens), ['\u2581hi', '</s>', '\u2581there']);
    assert.deepEqual(spans(tokens), [[0, 2], [2, 6], [6, 11]]);
  });

  it('Metaspace with prepend_scheme "first" prepends ▁ only where the text starts', () => {
    const metaspace = build(metaspaceFiles(), 'mistral', 8192);
    assert.deepEqual(texts(metaspace.tokenize('hi</s>there')), ['\u2581hi', '</s>', 'there']);
  });
});

describe('byte-level BPE with a Split pre-tokenizer (Llama 3)', () => {
  it('isolates contractions case-insensitively and numbers in runs of three', () => {
    const tokens = llama3().tokenize("DON'T 1234567");
    assert.deepEqual(texts(tokens), ['DON', "'", 'T', '\u0120', '123', '456', '7']);
    assert.deepEqual(spans(tokens).slice(-3), [[6, 9], [9, 12], [12, 13]]);
  });

  it('ignore_merges: a word that is itself a token is that token', () => {
    assert.deepEqual(texts(llama3().tokenize(' the')), ['\u0120the']);
  });

  it('Oniguruma patterns become JavaScript ones: (?i:...), possessive quantifiers, \\s as White_Space', () => {
    assert.equal(translateRegex("(?i:'s)|\\p{N}{1,3}+|\\s++"), "(?:'[sS])|\\p{N}{1,3}|\\p{White_Space}+");
  });
});

describe('Split behaviours (the Rust library’s)', () => {
  const space = / /gu;
  it('Isolated, Removed, Contiguous', () => {
    assert.deepEqual(words('a  b', space, 'Isolated'), ['a', ' ', ' ', 'b']);
    assert.deepEqual(words('a  b', space, 'Removed'), ['a', 'b']);
    assert.deepEqual(words('a  b', space, 'Contiguous'), ['a', '  ', 'b']);
  });
  it('MergedWithPrevious and MergedWithNext keep a run of delimiters apart from the word they do not join', () => {
    assert.deepEqual(words('a  b', space, 'MergedWithPrevious'), ['a ', ' ', 'b']);
    assert.deepEqual(words('a  b', space, 'MergedWithNext'), ['a', ' ', ' b']);
  });
  it('invert: the pattern matches the words', () => {
    assert.deepEqual(words('ab, cd', /\p{L}+/gu, 'Removed', true), ['ab', 'cd']);
  });
});

describe('normalizers keep the original spans', () => {
  it('NFC composes a letter and its accent into one character spanning both', () => {
    const nfc = readNormalizer({ type: 'NFC' }, fields);
    const out = nfc?.normalize(alignedSlice('e\u0301x', 0, 3));
    assert.equal(out?.text, '\u00e9x');
    assert.deepEqual([out?.starts, out?.ends], [[0, 2], [2, 3]]);
  });

  it('Replace gives the replacement the span of what it replaced', () => {
    const replace = readNormalizer({ type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }, fields);
    const out = replace?.normalize(alignedSlice('a   b', 0, 5));
    assert.equal(out?.text, 'a b');
    assert.deepEqual([out?.starts, out?.ends], [[0, 1, 4], [1, 4, 5]]);
  });
});

describe('Unigram', () => {
  const tokenizer = unigram();

  it('picks the highest-scoring segmentation: whole words over pieces; a word’s ▁ adds nothing to its span', () => {
    const tokens = tokenizer.tokenize('the people');
    assert.deepEqual(texts(tokens), ['\u2581the', '\u2581people']);
    assert.deepEqual(spans(tokens), [[0, 3], [4, 10]]);
  });

  it('consecutive characters no piece covers become one unknown token spanning them all', () => {
    const tokens = tokenizer.tokenize('東京');
    assert.deepEqual(texts(tokens), ['\u2581', '<unk>']);
    assert.deepEqual(spans(tokens).at(-1), [0, 2]);
  });

  it('wraps the text in <s> ... </s>', () => {
    const wrapped = tokenizer.withSpecials(tokenizer.tokenize('a'), 1);
    assert.deepEqual(texts(wrapped), ['<s>', '\u2581a', '</s>']);
  });
});
