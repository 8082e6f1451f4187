/**
 * Character classes as the Hugging Face `tokenizers` library (Rust) defines them for BERT, so that our
 * tokens match the ones the models were trained with.
 */

const WHITE_SPACE = /^\p{White_Space}$/u;
// Rust's `is_other()` comes from tables generated from UnicodeData.txt, which never lists unassigned code
// points: in practice it is Cc, Cf and Co (Cs cannot occur in a Rust string). Unassigned (Cn) is kept.
const OTHER = /^[\p{Cc}\p{Cf}\p{Co}]$/u;
const PUNCTUATION = /^\p{P}$/u;

export const REPLACEMENT_CHARACTER = 0xfffd;

/** The code point starting at unit `index`; a lone surrogate comes back as its own unit value. */
export function codePointAt(text: string, index: number): number {
  return text.codePointAt(index) as number;
}

export function isSurrogate(codePoint: number): boolean {
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

/** How many UTF-16 units the code point takes. */
export function unitWidth(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}

/** Rust's `char::is_whitespace` (the Unicode White_Space property); BERT counts \t \n \r as whitespace too. */
export function isWhitespace(codePoint: number): boolean {
  if (codePoint < 0x80) return codePoint === 0x20 || (codePoint >= 0x09 && codePoint <= 0x0d);
  return WHITE_SPACE.test(String.fromCodePoint(codePoint));
}

/** BERT's "control" characters, which text cleaning removes; \t \n \r count as whitespace instead. */
export function isControl(codePoint: number): boolean {
  if (codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d) return false;
  if (codePoint < 0x80) return codePoint < 0x20 || codePoint === 0x7f;
  return OTHER.test(String.fromCodePoint(codePoint));
}

/** BERT's punctuation: all ASCII non-alphanumeric symbols (so `$`, `+`, `^` too) and Unicode category P. */
export function isPunctuation(codePoint: number): boolean {
  if (
    (codePoint >= 33 && codePoint <= 47) ||
    (codePoint >= 58 && codePoint <= 64) ||
    (codePoint >= 91 && codePoint <= 96) ||
    (codePoint >= 123 && codePoint <= 126)
  ) {
    return true;
  }
  if (codePoint < 0x80) return false;
  return PUNCTUATION.test(String.fromCodePoint(codePoint));
}

/** CJK ideographs, which BERT splits into one word each; the ranges are the Rust library's, not Python's. */
export function isChineseChar(codePoint: number): boolean {
  return (
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x20000 && codePoint <= 0x2a6df) ||
    (codePoint >= 0x2a700 && codePoint <= 0x2b73f) ||
    (codePoint >= 0x2b740 && codePoint <= 0x2b81f) ||
    (codePoint >= 0x2b920 && codePoint <= 0x2ceaf) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0x2f800 && codePoint <= 0x2fa1f)
  );
}
