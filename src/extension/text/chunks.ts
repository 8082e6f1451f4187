/** A piece of a longer text and where it starts in it (UTF-16 offset). */
export interface TextChunk {
  offset: number;
  text: string;
}

/**
 * Cuts `text` into pieces of at most `maxChars`, at line ends where possible (an entity rarely spans a line
 * break), else at the last whitespace, else anywhere that does not split a surrogate pair. Pieces cover the
 * text in order without gaps, so offsets map results back exactly.
 */
export function chunkText(text: string, maxChars: number): TextChunk[] {
  if (maxChars < 2) throw new RangeError('chunkText: maxChars must be at least 2');
  const chunks: TextChunk[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + maxChars);
    if (end < text.length) end = cutPoint(text, start, end);
    chunks.push({ offset: start, text: text.slice(start, end) });
    start = end;
  }
  return chunks;
}

function cutPoint(text: string, start: number, limit: number): number {
  const window = text.slice(start, limit);
  const lineEnd = window.lastIndexOf('\n');
  if (lineEnd > 0) return start + lineEnd + 1;
  const space = window.search(/\s\S*$/);
  if (space > 0) return start + space + 1;
  const code = text.charCodeAt(limit);
  return code >= 0xdc00 && code <= 0xdfff ? limit - 1 : limit;
}
