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
// Characters nobody sees: controls, and the default-ignorable ones (zero-width space and joiners, soft hyphen,
// variation selectors, byte-order mark, bidi controls). Encoders drop most of them; none is a word.
const INVISIBLE = /^[\p{Cc}\p{Default_Ignorable_Code_Point}]+$/u;
const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Whether `text` holds something to see: not only whitespace, control or zero-width characters. */
export function hasVisibleText(text: string): boolean {
  return text.replace(/[\s\p{Cc}\p{Default_Ignorable_Code_Point}]/gu, '') !== '';
}

/**
 * Splits a user's text into words close to the way CoNLL-2003 and WNUT-17 are tokenised, so a tagger trained
 * on those sees similar words: whitespace separates words and is never part of one; punctuation and symbols
 * are words of their own, except inside the joined forms described at WORD; a trailing possessive `'s` is a
 * word of its own ("Germany 's"), as in the Penn Treebank convention the CoNLL data follows. A word never
 * splits a grapheme cluster (an emoji ZWJ sequence, a flag, a letter with its marks is one word at most),
 * and characters nobody sees (controls, zero-width characters) are never words.
 */
export function splitWords(text: string): CharSpan[] {
  const boundary = clusterBoundaries(text);
  const spans: CharSpan[] = [];
  const add = (start: number, end: number) => {
    const last = spans.at(-1);
    // A match that ended inside a grapheme cluster was widened to the cluster: the next match is in it.
    if (last && start < last.end) last.end = Math.max(last.end, end);
    else spans.push({ start, end });
  };
  for (const match of text.matchAll(WORD)) {
    let start = match.index;
    let end = start + match[0].length;
    while (!boundary[start]) start--;
    while (!boundary[end]) end++;
    if (match[0].length > 2 && end === match.index + match[0].length && POSSESSIVE.test(match[0])) {
      add(start, end - 2);
      add(end - 2, end);
    } else {
      add(start, end);
    }
  }
  return spans.filter(({ start, end }) => !INVISIBLE.test(text.slice(start, end)));
}

/** 1 at every index where a grapheme cluster starts, and at the end of the text. */
function clusterBoundaries(text: string): Uint8Array {
  const boundary = new Uint8Array(text.length + 1);
  for (const { index } of GRAPHEMES.segment(text)) boundary[index] = 1;
  boundary[text.length] = 1;
  return boundary;
}
