// Beyond these shares of the text, it is not prose: the encoders would see bytes, not words.
const MAX_REPLACEMENT_SHARE = 0.01;
const MAX_CONTROL_SHARE = 0.05;
const SAMPLE_CHARS = 64 * 1024;

/**
 * Whether a document's text looks like a binary file opened as text: NUL characters, or many U+FFFD
 * (bytes that were not valid UTF-8) or control characters other than whitespace. Looks at the start only.
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
