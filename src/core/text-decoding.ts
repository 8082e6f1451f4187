import { ProbeLensError, type ErrorCode } from './errors';

// Beyond these shares of the text, it is not prose: the encoders would see bytes, not words.
const MAX_REPLACEMENT_SHARE = 0.01;
const MAX_CONTROL_SHARE = 0.05;
// Beyond this share of bytes that start no UTF-8 character, data is binary rather than text in another
// encoding (Latin-1 prose has an accented letter in every few words; random bytes are mostly invalid).
const MAX_INVALID_SHARE = 0.3;
const SAMPLE_CHARS = 64 * 1024;

/**
 * Whether text looks like a binary file read as text: NUL characters, or many U+FFFD (bytes that were not
 * valid UTF-8) or control characters other than whitespace. Looks at the start only.
 */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (sample.length === 0) return false;
  if (sample.includes('\u0000')) return true;
  let replacements = 0;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0xfffd) replacements++;
    else if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f) controls++;
  }
  return replacements / sample.length > MAX_REPLACEMENT_SHARE || controls / sample.length > MAX_CONTROL_SHARE;
}

const BOMS: ReadonlyArray<{ bytes: readonly number[]; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** The length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const [length, min] = b >= 0xc2 && b <= 0xdf ? [2, 0x80] : b >= 0xe0 && b <= 0xef ? [3, 0x800] : b >= 0xf0 && b <= 0xf4 ? [4, 0x10000] : [0, 0];
  if (length === 0 || i + length > bytes.length) return 0;
  let code = b & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k];
    if ((next & 0xc0) !== 0x80) return 0;
    code = (code << 6) | (next & 0x3f);
  }
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
  return code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff ? 0 : length;
}

function binaryError(where: string, code: ErrorCode): ProbeLensError {
  return new ProbeLensError(`${where}: this looks like binary data, not text (NUL bytes or many bytes that are not UTF-8).`, code);
}

/**
 * Bytes a user gave as text (a data file, stdin), decoded: UTF-8 with or without a byte-order mark, or
 * UTF-16 with one. Anything else is refused, never silently turned into U+FFFD: binary data ("this looks like
 * binary data") or text in another encoding ("not UTF-8: line 4 byte 17"), errors of kind `code`. `where`
 * names the source.
 */
export function decodeText(bytes: Uint8Array, where: string, code: ErrorCode = 'bad-input'): string {
  const bom = BOMS.find(({ bytes: mark }) => mark.every((b, i) => bytes[i] === b));
  if (bom && bom.encoding !== 'utf-8') {
    let text: string;
    try {
      text = new TextDecoder(bom.encoding, { fatal: true }).decode(bytes.subarray(bom.bytes.length));
    } catch {
      throw new ProbeLensError(`${where}: not valid ${bom.encoding.toUpperCase()} text, although it starts with that byte-order mark.`, code);
    }
    if (looksBinary(text)) throw binaryError(where, code);
    return text;
  }
  const body = bom ? bytes.subarray(bom.bytes.length) : bytes;
  if (body.includes(0)) throw binaryError(where, code);
  let invalid = 0;
  let first = -1;
  for (let i = 0; i < body.length; ) {
    const length = utf8SequenceAt(body, i);
    if (length > 0) {
      i += length;
      continue;
    }
    invalid++;
    if (first < 0) first = i;
    i++;
  }
  if (invalid / Math.max(1, body.length) > MAX_INVALID_SHARE) throw binaryError(where, code);
  if (first >= 0) {
    const lineStart = body.lastIndexOf(0x0a, first - 1) + 1;
    const line = body.subarray(0, first).filter((b) => b === 0x0a).length + 1;
    const byte = `0x${body[first].toString(16).padStart(2, '0')}`;
    throw new ProbeLensError(
      `${where}: not UTF-8: line ${line} byte ${first - lineStart + 1} (${byte}) starts no UTF-8 character. Probe Lens reads ` +
        'UTF-8 (with or without a byte-order mark) and UTF-16 with one; convert it to UTF-8, e.g. with ' +
        '"iconv -f latin1 -t utf-8".',
      code,
    );
  }
  const text = new TextDecoder('utf-8').decode(body);
  if (looksBinary(text)) throw binaryError(where, code);
  return text;
}
