import { BoundedCache } from './bounded-cache';
import { byteTokenName, type EncodedWord } from './bpe';

/** How far below the lowest piece score an unknown character is scored (SentencePiece's kUnkPenalty). */
const UNKNOWN_PENALTY = 10;
const utf8 = new TextEncoder();

/**
 * SentencePiece's Unigram model (XLM-RoBERTa, DeBERTa-v3): the segmentation of a word into vocabulary pieces with
 * the highest total score (Viterbi). A character no piece starts with becomes the unknown token, consecutive
 * unknown characters one token. Ties go to the path seen first, as in the Rust library and transformers.js.
 */
export class UnigramModel {
  private readonly ids = new Map<string, number>();
  private readonly scores: number[];
  private readonly unkScore: number;
  /** The longest piece, in code points. */
  private readonly longest: number;
  private readonly byteIds: Array<number | undefined>;
  private readonly cache = new BoundedCache<EncodedWord>(50_000);

  constructor(
    pieces: ReadonlyArray<readonly [string, number]>,
    private readonly unkId: number,
    private readonly byteFallback: boolean,
  ) {
    this.scores = pieces.map(([, score]) => score);
    this.unkScore = this.scores.reduce((a, b) => Math.min(a, b), Infinity) - UNKNOWN_PENALTY;
    this.scores[unkId] = this.unkScore;
    let longest = 1;
    pieces.forEach(([piece], id) => {
      if (!this.ids.has(piece)) this.ids.set(piece, id);
      longest = Math.max(longest, Array.from(piece).length);
    });
    this.longest = longest;
    this.byteIds = Array.from({ length: 256 }, (_, byte) => this.ids.get(byteTokenName(byte)));
  }

  encode(word: string): EncodedWord {
    return this.cache.word(word, (w) => this.viterbi(w));
  }

  private viterbi(word: string): EncodedWord {
    const chars = Array.from(word);
    const n = chars.length;
    const best = new Float64Array(n + 1).fill(-Infinity);
    const from = new Int32Array(n + 1).fill(-1);
    const pieceId = new Int32Array(n + 1).fill(-1);
    best[0] = 0;
    for (let start = 0; start < n; start++) {
      if (best[start] === -Infinity) continue;
      let single = false;
      let piece = '';
      for (let length = 1; length <= this.longest && start + length <= n; length++) {
        piece += chars[start + length - 1];
        const id = this.ids.get(piece);
        if (id === undefined) continue;
        if (length === 1) single = true;
        this.relax(best, from, pieceId, start, start + length, id, this.scores[id]);
      }
      if (!single) this.relax(best, from, pieceId, start, start + 1, this.unkId, this.unkScore);
    }
    const path: Array<[number, number, number]> = [];
    for (let end = n; end > 0; end = from[end]) path.push([from[end], end, pieceId[end]]);
    path.reverse();
    return this.fuseUnknown(path, chars);
  }

  /** Strictly better only: of equal paths, the one found first (the longer last piece) stays. */
  private relax(best: Float64Array, from: Int32Array, pieceId: Int32Array, start: number, end: number, id: number, score: number): void {
    const candidate = best[start] + score;
    if (candidate > best[end]) {
      best[end] = candidate;
      from[end] = start;
      pieceId[end] = id;
    }
  }

  private fuseUnknown(path: ReadonlyArray<readonly [number, number, number]>, chars: readonly string[]): EncodedWord {
    const ids: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    for (const [start, end, id] of path) {
      if (id === this.unkId && ids[ids.length - 1] === this.unkId && ends[ends.length - 1] === start) {
        ends[ends.length - 1] = end;
        continue;
      }
      ids.push(id);
      starts.push(start);
      ends.push(end);
    }
    if (!this.byteFallback) return { ids, starts, ends };
    // The Rust library's byte fallback: an unknown token becomes the UTF-8 bytes of its characters.
    const out = { ids: [] as number[], starts: [] as number[], ends: [] as number[] };
    ids.forEach((id, k) => {
      const perChar = chars.slice(starts[k], ends[k]).map((char) => Array.from(utf8.encode(char), (b) => this.byteIds[b]));
      if (id !== this.unkId || perChar.some((bytes) => bytes.some((b) => b === undefined))) {
        out.ids.push(id);
        out.starts.push(starts[k]);
        out.ends.push(ends[k]);
        return;
      }
      perChar.forEach((bytes, c) => {
        for (const b of bytes) {
          out.ids.push(b as number);
          out.starts.push(starts[k] + c);
          out.ends.push(starts[k] + c + 1);
        }
      });
    });
    return out;
  }
}
