import type { AlignedText } from './aligned-text';
import { REPLACEMENT_CHARACTER, codePointAt, isSurrogate, unitWidth } from './unicode-classes';

/**
 * GPT-2's byte-to-unicode table: printable bytes stand for themselves, the others (space, controls, ...) are
 * shifted to U+0100 and up, so every byte is one visible BMP character (a space is 'Ġ', \n is 'Ċ').
 */
export const BYTE_TO_CHAR: readonly string[] = buildByteToChar();

function buildByteToChar(): string[] {
  const table = new Array<string>(256);
  let shifted = 0;
  for (let byte = 0; byte < 256; byte++) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || byte >= 0xae;
    table[byte] = String.fromCharCode(printable ? byte : 0x100 + shifted++);
  }
  return table;
}

export const SPACE_CHAR = BYTE_TO_CHAR[0x20];

/**
 * GPT-2's pre-tokenizer pattern. `\s` is written as White_Space because that is what the Rust library's
 * regex engine (Oniguruma) means by it; JavaScript's `\s` would add U+FEFF and miss U+0085.
 */
export const GPT2_SPLIT =
  /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\p{White_Space}\p{L}\p{N}]+|\p{White_Space}+(?!\P{White_Space})|\p{White_Space}+/gu;

/** A word's UTF-8 bytes as byte characters, each with the original span of the character it belongs to. */
export interface ByteWord {
  /** One BYTE_TO_CHAR character per byte. */
  chars: string;
  starts: number[];
  ends: number[];
}

/** The bytes of aligned.text[from, to); a lone surrogate is encoded as U+FFFD but keeps its own span. */
export function toByteWord(aligned: AlignedText, from: number, to: number): ByteWord {
  let chars = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = from; i < to; ) {
    const codePoint = codePointAt(aligned.text, i);
    const width = unitWidth(codePoint);
    const start = aligned.starts[i];
    const end = aligned.ends[i + width - 1];
    for (const byte of utf8(isSurrogate(codePoint) ? REPLACEMENT_CHARACTER : codePoint)) {
      chars += BYTE_TO_CHAR[byte];
      starts.push(start);
      ends.push(end);
    }
    i += width;
  }
  return { chars, starts, ends };
}

function utf8(codePoint: number): number[] {
  if (codePoint < 0x80) return [codePoint];
  if (codePoint < 0x800) return [0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f)];
  if (codePoint < 0x10000) {
    return [0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f)];
  }
  return [
    0xf0 | (codePoint >> 18),
    0x80 | ((codePoint >> 12) & 0x3f),
    0x80 | ((codePoint >> 6) & 0x3f),
    0x80 | (codePoint & 0x3f),
  ];
}
