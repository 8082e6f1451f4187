import { ProbeLensError } from '../../errors';
import type { Token, Tokenizer } from '../types';
import { planWindows, type Window } from './windows';

/** One forward-pass row: a window of a text with its special tokens. */
export interface Sequence {
  text: number;
  ids: number[];
  /** Pairs (row of the text's result, position in this sequence): the vectors this sequence supplies. */
  targets: Int32Array;
}

/** A text's tokens (special ones included) and the sequences that supply their vectors. */
export interface PlannedText {
  tokens: Token[];
  sequences: Sequence[];
}

/** How many of the family's special tokens go before the content (the rest go after it). */
export function countLeadingSpecials(tokenizer: Tokenizer): number {
  const probe: Token = { id: -1, text: '', start: 0, end: 0, special: false };
  const wrapped = tokenizer.withSpecials([probe], 1);
  const at = wrapped.findIndex((t) => t === probe || t.id === probe.id);
  if (at < 0 || wrapped.length !== 1 + tokenizer.specialCount) {
    throw new Error('tokenizer.withSpecials does not keep the content tokens or adds the wrong count');
  }
  return at;
}

export function windowCapacity(tokenizer: Tokenizer): number {
  const capacity = tokenizer.maxLength - tokenizer.specialCount;
  if (capacity < 1) {
    throw new ProbeLensError(
      `The tokenizer allows ${tokenizer.maxLength} tokens, no room beside ${tokenizer.specialCount} special tokens.`,
      'bad-model',
    );
  }
  return capacity;
}

export function planText(
  text: string,
  textIndex: number,
  tokenizer: Tokenizer,
  leadingSpecials: number,
  causal: boolean,
): PlannedText {
  const content = tokenizer.tokenize(text);
  const tokens = tokenizer.withSpecials(content, text.length);
  const count = content.length;
  if (tokens.length === 0) return { tokens, sequences: [] };
  const trailingSpecials = tokenizer.specialCount - leadingSpecials;
  const { windows, owner } = planWindows(count, windowCapacity(tokenizer), causal);

  const targets: number[][] = windows.map(() => []);
  // Leading specials come from the first window, trailing ones from the last: where they sit in the text.
  for (let k = 0; k < leadingSpecials; k++) targets[0].push(k, k);
  for (let i = 0; i < count; i++) {
    const w = owner[i];
    targets[w].push(leadingSpecials + i, leadingSpecials + i - windows[w].start);
  }
  const last = windows.length - 1;
  const lastWidth = windows[last].end - windows[last].start;
  for (let k = 0; k < trailingSpecials; k++) {
    targets[last].push(leadingSpecials + count + k, leadingSpecials + lastWidth + k);
  }

  // A single window is the whole text: its ids are those of `tokens`, no need to wrap the content again.
  const idsOf = (w: Window) =>
    windows.length === 1 ? tokens.map((t) => t.id) : tokenizer.withSpecials(content.slice(w.start, w.end), text.length).map((t) => t.id);
  const sequences = windows.map((w, index) => ({
    text: textIndex,
    ids: idsOf(w),
    targets: Int32Array.from(targets[index]),
  }));
  return { tokens, sequences };
}
