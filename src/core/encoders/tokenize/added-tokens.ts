import type { Token } from '../types';
import { isWhitespace } from './unicode-classes';

/** An entry of tokenizer.json's `added_tokens` ([CLS], <|endoftext|>, <mask>, ...). */
export interface AddedToken {
  id: number;
  content: string;
  /** Also swallow the whitespace before / after it. */
  lstrip: boolean;
  rstrip: boolean;
  /** Only match when not inside a word. */
  singleWord: boolean;
}

/** A piece of the text: an added token written literally in it, or plain text between them. */
export interface Segment {
  start: number;
  end: number;
  token?: AddedToken;
}

/**
 * An added token the user wrote: it keeps its real span and is not marked special (specials have empty
 * spans), though its id is the same as the one the tokenizer adds around the text.
 */
export function writtenAddedToken(token: AddedToken, start: number, end: number): Token {
  return { id: token.id, text: token.content, start, end, special: false };
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Finds added tokens written in the text, as the Hugging Face library does before anything else (leftmost,
 * longest first), so that "[MASK]" or "<|endoftext|>" typed by the user become that one token.
 * Matching is on the original text: exact for tokens that are not normalised, and for tokenizers without a
 * normalizer; a normalised token (`normalized: true`) with a lowercasing normalizer is only found as written.
 */
export class AddedTokenSplitter {
  private readonly pattern: RegExp | undefined;
  private readonly byContent = new Map<string, AddedToken>();

  constructor(tokens: readonly AddedToken[]) {
    for (const token of tokens) if (token.content) this.byContent.set(token.content, token);
    const contents = [...this.byContent.keys()].sort((a, b) => b.length - a.length);
    if (contents.length > 0) this.pattern = new RegExp(contents.map(escapeRegExp).join('|'), 'g');
  }

  /** The text's tokens: the added tokens written in it as themselves, every other non-empty segment by `encode`. */
  tokenize(text: string, encode: (segment: Segment, tokens: Token[]) => void): Token[] {
    const tokens: Token[] = [];
    for (const segment of this.split(text)) {
      if (segment.token) tokens.push(writtenAddedToken(segment.token, segment.start, segment.end));
      else if (segment.end > segment.start) encode(segment, tokens);
    }
    return tokens;
  }

  split(text: string): Segment[] {
    if (!this.pattern) return [{ start: 0, end: text.length }];
    const segments: Segment[] = [];
    let cursor = 0;
    const pattern = this.pattern;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const token = this.byContent.get(match[0]) as AddedToken;
      let start = match.index;
      let end = start + match[0].length;
      if (token.singleWord && (isWordChar(text, start - 1) || isWordChar(text, end))) {
        pattern.lastIndex = start + 1;
        continue;
      }
      if (token.lstrip) while (start > cursor && isWhitespace(text.charCodeAt(start - 1))) start--;
      if (token.rstrip) while (end < text.length && isWhitespace(text.charCodeAt(end))) end++;
      if (start > cursor) segments.push({ start: cursor, end: start });
      segments.push({ start, end, token });
      cursor = end;
      pattern.lastIndex = end;
    }
    if (cursor < text.length) segments.push({ start: cursor, end: text.length });
    return segments;
  }
}

function isWordChar(text: string, index: number): boolean {
  return index >= 0 && index < text.length && WORD_CHAR.test(text[index]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
