/** Byte-level BPE (GPT-2, RoBERTa) tokens and their offsets into the original text, case by case. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BYTE_TO_CHAR } from '../../../src/core/encoders/tokenize/byte-level';
import type { Token, Tokenizer } from '../../../src/core/encoders/types';
import { TINY_GPT2 } from '../../shared-path';
import { ROBERTA_SPECIALS, build, gpt2, imdbReviews, roberta, spans, sst2Dev, texts, tokenizerFiles } from './fixtures';

const gpt = gpt2();
const robertaTokenizer = roberta();
const vocab = (tokenizerFiles(TINY_GPT2).json.model as { vocab: Record<string, number> }).vocab;
const BYTE_OF = new Map(BYTE_TO_CHAR.map((char, byte) => [char, byte]));

/** The UTF-8 text that tokens' bytes spell (partial characters joined first, then decoded). */
function decode(tokens: Token[]): string {
  const bytes = tokens.flatMap((token) => Array.from(token.text, (char) => BYTE_OF.get(char) as number));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
}

describe('byte-level BPE: GPT-2', () => {
  it('keeps a word\'s leading space in its token and its span', () => {
    const tokens = gpt.tokenize('Hello world');
    assert.deepEqual(texts(tokens), ['Hello', 'Ġworld']);
    assert.deepEqual(tokens.map((token) => token.id), [vocab.Hello, vocab['Ġworld']]);
    assert.deepEqual(spans(tokens), [[0, 5], [5, 11]]);
  });

  it('leaves all but the last of several leading spaces to a token of its own', () => {
    const tokens = gpt.tokenize('  hi');
    assert.deepEqual(texts(tokens), ['Ġ', 'Ġhi']);
    assert.deepEqual(spans(tokens), [[0, 1], [1, 4]]);
  });

  it('gives the bytes of an emoji (a surrogate pair) the whole pair\'s span', () => {
    const tokens = gpt.tokenize('go 🚀!');
    const rocket = tokens.filter((token) => token.end === 5 && token.start >= 2);
    assert.ok(rocket.length >= 2, 'the rocket is split into several byte tokens');
    assert.equal(decode(rocket), ' 🚀');
    assert.deepEqual(spans(tokens).at(-1), [5, 6]);
  });

  it('gives the bytes of a CJK character that character\'s span', () => {
    const tokens = gpt.tokenize('東京');
    assert.ok(tokens.length > 2);
    assert.deepEqual(new Set(tokens.map((token) => `${token.start}-${token.end}`)), new Set(['0-1', '1-2']));
    assert.equal(decode(tokens.filter((token) => token.start === 0)), '東');
  });

  it('splits a combining mark from its letter and gives the mark its own span', () => {
    const tokens = gpt.tokenize('e\u0301');
    assert.deepEqual(spans(tokens)[0], [0, 1]);
    assert.ok(tokens.slice(1).every((token) => token.start === 1 && token.end === 2));
    assert.equal(decode(tokens.slice(1)), '\u0301');
  });

  it('makes \\r and \\n tokens of their own', () => {
    const tokens = gpt.tokenize('a.\r\nSecond');
    assert.deepEqual(texts(tokens), ['a', '.', 'č', 'Ċ', 'Second']);
    assert.deepEqual(spans(tokens), [[0, 1], [1, 2], [2, 3], [3, 4], [4, 10]]);
  });

  it('encodes NUL as a byte like any other', () => {
    const tokens = gpt.tokenize('a\u0000b');
    assert.equal(decode(tokens), 'a\u0000b');
    assert.ok(tokens.some((token) => token.start === 1 && token.end === 2));
  });

  it('encodes a lone surrogate as U+FFFD, with the surrogate\'s own one-unit span', () => {
    const tokens = gpt.tokenize('x\ud800y');
    assert.deepEqual(texts(tokens), ['x', 'ï¿½', 'y']);
    assert.deepEqual(spans(tokens), [[0, 1], [1, 2], [2, 3]]);
    assert.equal(decode(gpt.tokenize('\udc00\ud83d')), '\ufffd\ufffd');
  });

  it('adds no special tokens (its post-processor is ByteLevel) and pads with <|endoftext|>', () => {
    const content = gpt.tokenize('Hi');
    assert.equal(gpt.specialCount, 0);
    assert.deepEqual(gpt.withSpecials(content, 2), content);
    assert.equal(gpt.padId, vocab['<|endoftext|>']);
  });

  it('reads <|endoftext|> typed by the user as that token', () => {
    const tokens = gpt.tokenize('a<|endoftext|>b');
    assert.deepEqual(
      tokens.map((token) => [token.id, token.start, token.end, token.special]),
      [
        [vocab.a, 0, 1, false],
        [vocab['<|endoftext|>'], 1, 14, false],
        [vocab.b, 14, 15, false],
      ],
    );
  });

  it('gives empty text no tokens and whitespace-only text its whitespace tokens, as the Rust library does', () => {
    assert.deepEqual(gpt.tokenize(''), []);
    const tokens = gpt.tokenize(' \n ');
    assert.equal(decode(tokens), ' \n ');
  });

  it('encodes a 5,000-letter word (merges on a heap, not quadratic)', () => {
    const word = 'ab'.repeat(2500);
    const tokens = gpt.tokenize(word);
    assert.equal(decode(tokens), word);
    assert.deepEqual([tokens[0].start, tokens.at(-1)?.end], [0, 5000]);
  });
});

describe('byte-level BPE: add_prefix_space', () => {
  const files = tokenizerFiles(TINY_GPT2);
  files.json.pre_tokenizer = { ...(files.json.pre_tokenizer as object), add_prefix_space: true };
  const prefixed = build(files, 'gpt2', 512);

  it('encodes the first word as if a space preceded it; the added space has no span of its own', () => {
    const tokens = prefixed.tokenize('Hello world');
    assert.deepEqual(texts(tokens), ['ĠHello', 'Ġworld']);
    assert.deepEqual(spans(tokens), [[0, 5], [5, 11]]);
    const alone = prefixed.tokenize('\nhi');
    assert.deepEqual(spans(alone), [[0, 0], [0, 1], [1, 3]]);
  });
});

describe('byte-level BPE: RoBERTa', () => {
  it('wraps the text in <s> ... </s>, special and empty at the ends', () => {
    const text = 'Hello world';
    const tokens = robertaTokenizer.withSpecials(robertaTokenizer.tokenize(text), text.length);
    assert.equal(robertaTokenizer.specialCount, 2);
    assert.deepEqual(
      tokens.map((token) => [token.text, token.id, token.start, token.end, token.special]),
      [
        ['<s>', ROBERTA_SPECIALS.bos, 0, 0, true],
        ['Hello', vocab.Hello, 0, 5, false],
        ['Ġworld', vocab['Ġworld'], 6, 11, false],
        ['</s>', ROBERTA_SPECIALS.eos, 11, 11, true],
      ],
    );
    assert.equal(robertaTokenizer.padId, ROBERTA_SPECIALS.pad);
  });

  it('trims spaces from offsets (trim_offsets); a token of spaces only gets an empty span', () => {
    const tokens = robertaTokenizer.tokenize('  hi');
    assert.deepEqual(texts(tokens), ['Ġ', 'Ġhi']);
    assert.deepEqual(spans(tokens), [[1, 1], [2, 4]]);
  });

  it('lets <mask> swallow the space before it (lstrip)', () => {
    const tokens = robertaTokenizer.tokenize('a <mask>');
    assert.deepEqual(
      tokens.map((token) => [token.id, token.start, token.end]),
      [
        [vocab.a, 0, 1],
        [ROBERTA_SPECIALS.mask, 1, 8],
      ],
    );
  });
});

describe('byte-level BPE: tokens spell exactly the text they span (SST-2 dev, 100 IMDB reviews)', () => {
  for (const [name, tokenizer, trimmed] of [
    ['GPT-2', gpt, false],
    ['RoBERTa (offsets without spaces)', robertaTokenizer, true],
  ] as Array<[string, Tokenizer, boolean]>) {
    it(name, () => {
      let groups = 0;
      for (const text of [...sst2Dev(), ...imdbReviews(100)]) {
        // Tokens that share a character are checked together: only together are their bytes whole characters.
        for (const group of characterGroups(tokenizer.tokenize(text))) {
          const spelled = decode(group);
          const start = group[0].start;
          const end = Math.max(...group.map((token) => token.end));
          assert.equal(trimmed ? spelled.replace(/^ +| +$/g, '') : spelled, text.slice(start, end), JSON.stringify(text));
          groups++;
        }
      }
      assert.ok(groups > 10_000, `checked ${groups} token groups`);
    });
  }
});

function characterGroups(tokens: Token[]): Token[][] {
  const groups: Token[][] = [];
  for (const token of tokens) {
    const last = groups.at(-1);
    if (last && token.start < Math.max(...last.map((t) => t.end))) last.push(token);
    else groups.push([token]);
  }
  return groups;
}
