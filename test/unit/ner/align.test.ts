import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Token } from '../../../src/core/encoders/types';
import { firstTokenOfWords } from '../../../src/core/ner/align';
import { splitWords, type CharSpan } from '../../../src/core/ner/words';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';

interface ReferenceItem {
  text: string;
  tokens: string[];
  offsets: [number, number][];
  special_tokens_mask: number[];
}

function referenceTokens(modelDir: string): { text: string; tokens: Token[] }[] {
  const file = path.join(modelDir, 'reference', 'hidden_states.json');
  const { items } = JSON.parse(readFileSync(file, 'utf8')) as { items: ReferenceItem[] };
  return items.map((item) => ({
    text: item.text,
    tokens: item.tokens.map((text, i) => ({
      id: i,
      text,
      start: item.offsets[i][0],
      end: item.offsets[i][1],
      special: item.special_tokens_mask[i] === 1,
    })),
  }));
}

/** The definition, by brute force: the first non-special, non-empty token overlapping the word. */
function expectedFirstTokens(tokens: Token[], words: CharSpan[]): number[] {
  return words.map((word) =>
    tokens.findIndex((t) => !t.special && t.start < t.end && t.start < word.end && t.end > word.start),
  );
}

describe('firstTokenOfWords', () => {
  for (const [name, dir] of [
    ['tiny-bert-uncased (WordPiece)', TINY_BERT],
    ['tiny-gpt2 (byte-level BPE)', TINY_GPT2],
  ] as const) {
    it(`finds each word's first token on the ${name} reference tokenisations`, () => {
      for (const { text, tokens } of referenceTokens(dir)) {
        const words = splitWords(text);
        const first = [...firstTokenOfWords(tokens, words)];
        assert.deepEqual(first, expectedFirstTokens(tokens, words), text);
        assert.ok(first.every((t) => t >= 0), `every word has a token in ${JSON.stringify(text)}`);
      }
    });
  }

  it('picks the token carrying the leading space in byte-level BPE, and the first piece of a split word', () => {
    const gpt = referenceTokens(TINY_GPT2).find((item) => item.text.includes('Lovelace'))!;
    const words = splitWords(gpt.text);
    const lovelace = words.findIndex((w) => gpt.text.slice(w.start, w.end) === 'Lovelace');
    const token = gpt.tokens[firstTokenOfWords(gpt.tokens, words)[lovelace]];
    assert.equal(token.start, words[lovelace].start - 1); // "ĠLo": the space before the word, then its start
    assert.ok(token.end < words[lovelace].end);
  });

  it('gives -1 to words no token covers (cut off by the max length)', () => {
    const words = splitWords('one two three');
    const tokens: Token[] = [
      { id: 0, text: '[CLS]', start: 0, end: 0, special: true },
      { id: 1, text: 'one', start: 0, end: 3, special: false },
      { id: 2, text: '[SEP]', start: 13, end: 13, special: true },
    ];
    assert.deepEqual([...firstTokenOfWords(tokens, words)], [1, -1, -1]);
  });
});
