import type { HiddenStates } from '../encoders/types';
import { firstTokenOfWords } from '../ner/align';
import type { CharSpan } from '../ner/words';

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

/**
 * Writes the chosen token rows of the chosen layers into `out` at `offset`, layer-major
 * ([layer][row][hidden]), the layout of one example in the feature cache.
 */
export function copyRows(states: HiddenStates, layers: readonly number[], rows: Int32Array | null, out: Float32Array, offset: number): number {
  const d = states.hiddenSize;
  let o = offset;
  for (const l of layers) {
    const source = states.layers[l];
    if (rows) {
      for (let r = 0; r < rows.length; r++) {
        out.set(source.subarray(rows[r] * d, (rows[r] + 1) * d), o);
        o += d;
      }
    } else {
      out.set(source.subarray(0, states.tokens.length * d), o);
      o += states.tokens.length * d;
    }
  }
  return o;
}
