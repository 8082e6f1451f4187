const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe for SVG (XML 1.0) content and attribute values: markup characters become entities, and
 * characters XML forbids anywhere (C0 controls other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF),
 * which user text and tokens of binary files can contain, become U+FFFD so the document still parses.
 */
export function escapeXml(text: string): string {
  let safe = '';
  // for...of walks code points; a lone surrogate comes out as a single unit in the surrogate range.
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const forbidden =
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      (code >= 0xd800 && code <= 0xdfff) ||
      code === 0xfffe ||
      code === 0xffff;
    safe += forbidden ? '\ufffd' : (ENTITIES[char] ?? char);
  }
  return safe;
}
