import type { HiddenStates, Token } from '../encoders/types';
import type { CharSpan } from './words';

/**
 * First-subword labelling: for each word, the index in `tokens` of the first token that overlaps it, or -1
 * when none does (the word was cut off by the model's max length, or is made only of characters the
 * tokenizer drops). Overlap rather than containment, because byte-level BPE tokens carry the space before a
 * word (" York" starts one character early). Special tokens and empty spans never match. A token that
 * overlaps two words is the first token of both. Both lists must be in text order.
 */
export function firstTokenOfWords(tokens: readonly Token[], words: readonly CharSpan[]): Int32Array {
  const first = new Int32Array(words.length).fill(-1);
  let t = 0;
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    // Tokens that end at or before this word's start cannot overlap it or any later word.
    while (t < tokens.length && (isEmpty(tokens[t]) || tokens[t].end <= word.start)) t++;
    if (t < tokens.length && tokens[t].start < word.end) first[w] = t;
  }
  return first;
}

function isEmpty(token: Token): boolean {
  return token.special || token.start === token.end;
}

/**
 * The token each word is represented by: its first subword (first-subword labelling). A word no token
 * overlaps (made only of characters the tokenizer drops) borrows the nearest content token after its start,
 * or failing that the last content token, so every word still gets a vector; `borrowed` counts them.
 */
export function wordTokenRows(states: HiddenStates, words: readonly CharSpan[]): { rows: Int32Array; borrowed: number } {
  const rows = firstTokenOfWords(states.tokens, words);
  let borrowed = 0;
  for (let w = 0; w < rows.length; w++) {
    if (rows[w] >= 0) continue;
    borrowed++;
    rows[w] = nearestContentToken(states, words[w].start);
  }
  return { rows, borrowed };
}

function nearestContentToken(states: HiddenStates, start: number): number {
  const { tokens } = states;
  let lastContent = -1;
  for (let t = 0; t < tokens.length; t++) {
    if (tokens[t].special) continue;
    if (tokens[t].start >= start) return t;
    lastContent = t;
  }
  return lastContent >= 0 ? lastContent : 0;
}
