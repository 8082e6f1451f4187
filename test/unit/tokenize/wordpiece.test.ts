/** WordPiece (BERT) tokens and their offsets into the original text, case by case. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BertNormalizer } from '../../../src/core/encoders/tokenize/bert-normalizer';
import type { Token } from '../../../src/core/encoders/types';
import { TINY_BERT } from '../../shared-path';
import { bertCased, bertUncased, bertVariantFiles, build, imdbReviews, spans, sst2Dev, texts, tokenizerFiles } from './fixtures';

const uncased = bertUncased();
const cased = bertCased();
const lowercaseKeepAccents = build(bertVariantFiles({ lowercase: true, strip_accents: false }), 'bert', 512);
const vocab = (tokenizerFiles(TINY_BERT).json.model as { vocab: Record<string, number> }).vocab;

describe('WordPiece: uncased', () => {
  it('lowercases and splits punctuation, with spans into the original', () => {
    const tokens = uncased.tokenize('Hello, World!');
    assert.deepEqual(texts(tokens), ['hello', ',', 'world', '!']);
    assert.deepEqual(spans(tokens), [[0, 5], [5, 6], [7, 12], [12, 13]]);
    assert.deepEqual(tokens.map((token) => token.id), ['hello', ',', 'world', '!'].map((piece) => vocab[piece]));
  });

  it('gives ## pieces the part of the word they come from', () => {
    const tokens = uncased.tokenize('Ada Lovelace');
    assert.deepEqual(texts(tokens), ['ada', 'love', '##lace']);
    assert.deepEqual(spans(tokens), [[0, 3], [4, 8], [8, 12]]);
  });

  it('skips leading, repeated and trailing spaces', () => {
    const tokens = uncased.tokenize('   leading  and trailing   ');
    assert.deepEqual(texts(tokens), ['leading', 'and', 'trailing']);
    assert.deepEqual(spans(tokens), [[3, 10], [12, 15], [16, 24]]);
  });

  it('treats \\r\\n and tabs as spaces', () => {
    assert.deepEqual(spans(uncased.tokenize('a\r\nb\tc')), [[0, 1], [3, 4], [5, 6]]);
  });

  it('makes each CJK ideograph a word', () => {
    const tokens = uncased.tokenize('東京 a東b');
    assert.deepEqual(texts(tokens), ['東', '京', 'a', '東', 'b']);
    assert.deepEqual(spans(tokens), [[0, 1], [1, 2], [3, 4], [4, 5], [5, 6]]);
  });

  it('adds [CLS] and [SEP] from the post-processor, special and empty at the ends', () => {
    const text = 'Hi there';
    const tokens = uncased.withSpecials(uncased.tokenize(text), text.length);
    assert.equal(uncased.specialCount, 2);
    assert.deepEqual(
      tokens.map((token) => [token.text, token.id, token.start, token.end, token.special]),
      [
        ['[CLS]', vocab['[CLS]'], 0, 0, true],
        ['hi', vocab.hi, 0, 2, false],
        ['there', vocab.there, 3, 8, false],
        ['[SEP]', vocab['[SEP]'], 8, 8, true],
      ],
    );
    assert.equal(uncased.padId, vocab['[PAD]']);
  });

  it('reads a special token the user typed as that token, with its real span', () => {
    const tokens = uncased.tokenize('a [MASK] b');
    assert.deepEqual(
      tokens.map((token) => [token.text, token.id, token.start, token.end, token.special]),
      [
        ['a', vocab.a, 0, 1, false],
        ['[MASK]', vocab['[MASK]'], 2, 8, false],
        ['b', vocab.b, 9, 10, false],
      ],
    );
  });
});

describe('WordPiece: accents', () => {
  it('strips precomposed accents when uncased (strip_accents null follows lowercase)', () => {
    const tokens = uncased.tokenize('Café naïve résumé');
    assert.deepEqual(texts(tokens), ['cafe', 'naive', 'resume']);
    assert.deepEqual(spans(tokens), [[0, 4], [5, 10], [11, 17]]);
  });

  it('strips a combining mark and still covers it: the accent belongs to the letter it sits on', () => {
    // Hugging Face's offsets stop at 4, before the dropped U+0301; ours include it (see coverStrippedMarks).
    const text = 'cafe\u0301 ok';
    const tokens = uncased.tokenize(text);
    assert.deepEqual(texts(tokens), ['cafe', 'ok']);
    assert.deepEqual(spans(tokens), [[0, 5], [6, 8]]);
  });

  it('keeps accents when strip_accents is false: é is not in the vocabulary, so the word is unknown', () => {
    const tokens = lowercaseKeepAccents.tokenize('Café cafe');
    assert.deepEqual(texts(tokens), ['[UNK]', 'cafe']);
    assert.deepEqual(spans(tokens), [[0, 4], [5, 9]]);
  });

  it('follows lowercasing that changes length (İ becomes i + U+0307, then the mark is stripped)', () => {
    const tokens = uncased.tokenize('İstanbul');
    assert.deepEqual(texts(tokens), ['istanbul']);
    assert.deepEqual(spans(tokens), [[0, 8]]);
  });

  it('gives pieces that split one character (a Hangul syllable decomposed by NFD) that character\'s span', () => {
    const tokens = uncased.tokenize('x 한');
    assert.deepEqual(texts(tokens), ['x', 'ᄒ', '##ᅡ', '##ᆫ']);
    assert.deepEqual(spans(tokens), [[0, 1], [2, 3], [2, 3], [2, 3]]);
  });
});

describe('WordPiece: cased (lowercase and strip_accents off)', () => {
  it('keeps case, so capitalised words are not found in an uncased vocabulary', () => {
    const tokens = cased.tokenize('Hello hello');
    assert.deepEqual(texts(tokens), ['[UNK]', 'hello']);
    assert.deepEqual(spans(tokens), [[0, 5], [6, 11]]);
  });

  it('keeps a combining mark inside its word', () => {
    assert.deepEqual(spans(cased.tokenize('cafe\u0301 ok')), [[0, 5], [6, 8]]);
  });
});

describe('WordPiece: unknown words', () => {
  it('makes a word with no full match one [UNK] over the whole word (emoji are not in the vocabulary)', () => {
    const tokens = uncased.tokenize('x🚀y 🚀');
    assert.deepEqual(texts(tokens), ['[UNK]', '[UNK]']);
    assert.deepEqual(spans(tokens), [[0, 4], [5, 7]]);
  });

  it('makes a word longer than max_input_chars_per_word one [UNK]', () => {
    const long = 'a'.repeat(101);
    assert.deepEqual(texts(uncased.tokenize(`${long} b`)), ['[UNK]', 'b']);
    assert.deepEqual(spans(uncased.tokenize(long)), [[0, 101]]);
    // 100 characters are still split into pieces.
    assert.notEqual(texts(uncased.tokenize('a'.repeat(100)))[0], '[UNK]');
  });
});

describe('WordPiece: characters that normalisation removes', () => {
  it('drops NUL, so "a\\0b" is the word "ab" spanning all three units', () => {
    assert.deepEqual(
      uncased.tokenize('a\u0000b').map((token) => [token.text, token.start, token.end]),
      [['ab', 0, 3]],
    );
  });

  it('drops format characters such as a zero-width space the same way', () => {
    assert.deepEqual(spans(uncased.tokenize('a\u200bb')), [[0, 3]]);
  });

  it('treats a lone surrogate as U+FFFD, which text cleaning drops', () => {
    assert.deepEqual(spans(uncased.tokenize('a\ud800b')), [[0, 3]]);
    assert.deepEqual(uncased.tokenize('\udc00'), []);
    assert.deepEqual(spans(uncased.tokenize('x \ud83d')), [[0, 1]]);
  });

  it('gives empty and whitespace-only text no tokens', () => {
    assert.deepEqual(uncased.tokenize(''), []);
    assert.deepEqual(uncased.tokenize(' \n\t\u3000 '), []);
  });
});

describe('WordPiece: every whole-character token is its surface form (SST-2 dev, 100 IMDB reviews)', () => {
  for (const [name, tokenizer, flags] of [
    ['uncased', uncased, { lowercase: true, stripAccents: true }],
    ['cased', cased, { lowercase: false, stripAccents: false }],
  ] as const) {
    it(name, () => {
      const normalizer = new BertNormalizer({ cleanText: true, handleChineseChars: true, ...flags });
      let checked = 0;
      for (const text of [...sst2Dev(), ...imdbReviews(100)]) {
        const tokens = tokenizer.tokenize(text);
        tokens.forEach((token, i) => {
          if (token.text === '[UNK]' || sharesCharacter(tokens, i)) return;
          const surface = normalizer.normalize(text, token.start, token.end).text.replace(/ /g, '');
          assert.equal(surface, token.text.replace(/^##/, ''), `${JSON.stringify(text)} token ${i}`);
          checked++;
        });
      }
      assert.ok(checked > 10_000, `checked ${checked} tokens`);
    });
  }
});

function sharesCharacter(tokens: Token[], i: number): boolean {
  const overlaps = (j: number): boolean => j >= 0 && j < tokens.length && tokens[j].start < tokens[i].end && tokens[i].start < tokens[j].end;
  return overlaps(i - 1) || overlaps(i + 1);
}
