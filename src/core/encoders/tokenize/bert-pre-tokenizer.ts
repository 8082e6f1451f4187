import { codePointAt, isPunctuation, isWhitespace, unitWidth } from './unicode-classes';

/** A word as a [start, end) range of UTF-16 units. */
export type Range = readonly [number, number];

/** BERT's pre-tokenizer: split on whitespace (dropped), and make every punctuation character its own word. */
export function splitBertWords(text: string): Range[] {
  const words: Range[] = [];
  let wordStart = -1;
  for (let i = 0; i < text.length; ) {
    const codePoint = codePointAt(text, i);
    const width = unitWidth(codePoint);
    const space = isWhitespace(codePoint);
    if (space || isPunctuation(codePoint)) {
      if (wordStart >= 0) words.push([wordStart, i]);
      wordStart = -1;
      if (!space) words.push([i, i + width]);
    } else if (wordStart < 0) {
      wordStart = i;
    }
    i += width;
  }
  if (wordStart >= 0) words.push([wordStart, text.length]);
  return words;
}
