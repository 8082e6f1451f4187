import { BoundedCache } from './bounded-cache';

/** One piece of a word: [start, end) are UTF-16 units inside the word. */
export interface Piece {
  readonly id: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface WordPieceOptions {
  vocab: ReadonlyMap<string, number>;
  unkToken: string;
  /** Marks a piece that continues a word, "##" for BERT. */
  continuingPrefix: string;
  /** Longer words (in code points) become one unknown token. */
  maxInputCharsPerWord: number;
}

/** WordPiece: greedy longest-match-first over each word's code points; a word with no full match is unknown. */
export class WordPiece {
  private readonly cache = new BoundedCache<readonly Piece[]>(50_000);
  private readonly unkId: number;

  constructor(private readonly options: WordPieceOptions) {
    this.unkId = options.vocab.get(options.unkToken) as number;
  }

  tokenizeWord(word: string): readonly Piece[] {
    let pieces = this.cache.get(word);
    if (!pieces) {
      pieces = this.split(word);
      this.cache.set(word, pieces);
    }
    return pieces;
  }

  private split(word: string): Piece[] {
    const { vocab, unkToken, continuingPrefix, maxInputCharsPerWord } = this.options;
    const unknown = [{ id: this.unkId, text: unkToken, start: 0, end: word.length }];
    if (countCodePoints(word) > maxInputCharsPerWord) return unknown;
    const pieces: Piece[] = [];
    for (let start = 0; start < word.length; ) {
      let found: Piece | undefined;
      for (let end = word.length; end > start; end -= lastCodePointWidth(word, end)) {
        const text = start > 0 ? continuingPrefix + word.slice(start, end) : word.slice(start, end);
        const id = vocab.get(text);
        if (id !== undefined) {
          found = { id, text, start, end };
          break;
        }
      }
      if (!found) return unknown;
      pieces.push(found);
      start = found.end;
    }
    return pieces;
  }
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A low surrogate that follows a high one belongs to the same code point.
    if (!(unit >= 0xdc00 && unit <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1)))) count++;
  }
  return count;
}

function lastCodePointWidth(text: string, end: number): number {
  const last = text.charCodeAt(end - 1);
  return last >= 0xdc00 && last <= 0xdfff && end >= 2 && isHighSurrogate(text.charCodeAt(end - 2)) ? 2 : 1;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
