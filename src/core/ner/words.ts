/** A word's place in a text: [start, end) in UTF-16 code units, so text.slice(start, end) is the word. */
export interface CharSpan {
  start: number;
  end: number;
}

/**
 * A dataset sentence as text: its words joined by single spaces, and each word's span in that text. This is
 * the text the encoder sees when features are extracted for a CoNLL sentence.
 */
export function joinWords(words: readonly string[]): { text: string; spans: CharSpan[] } {
  const spans: CharSpan[] = [];
  let offset = 0;
  for (const word of words) {
    spans.push({ start: offset, end: offset + word.length });
    offset += word.length + 1;
  }
  return { text: words.join(' '), spans };
}

const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}_]`;
/**
 * In order of preference: an abbreviation of single letters with dots ("U.S.", "e.g."); a run of word
 * characters that single inner `-` `.` `'` `’` `&` may join ("1996-08-22", "AT&T", "don't"), optionally after
 * `@` or `#` (handles and hashtags, as in WNUT); any other single non-space character.
 */
const WORD = new RegExp(
  String.raw`(?:\p{L}\.){2,}(?!${WORD_CHAR})|[@#]?${WORD_CHAR}+(?:[-.'’&]${WORD_CHAR}+)*|\S`,
  'gu',
);
const POSSESSIVE = /['’][sS]$/;

/**
 * Splits a user's text into words close to the way CoNLL-2003 and WNUT-17 are tokenised, so a tagger trained
 * on those sees similar words: whitespace separates words and is never part of one; punctuation and symbols
 * are words of their own, except inside the joined forms described at WORD; a trailing possessive `'s` is a
 * word of its own ("Germany 's"), as in the Penn Treebank convention the CoNLL data follows.
 */
export function splitWords(text: string): CharSpan[] {
  const spans: CharSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].length > 2 && POSSESSIVE.test(match[0])) {
      spans.push({ start, end: end - 2 }, { start: end - 2, end });
    } else {
      spans.push({ start, end });
    }
  }
  return spans;
}
