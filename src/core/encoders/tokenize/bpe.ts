import { ProbeLensError } from '../../errors';
import { BoundedCache } from './bounded-cache';

/**
 * A word's tokens: ids[k] covers the word's characters (code points) [starts[k], ends[k]). Byte-fallback tokens
 * of one character each cover that whole character.
 */
export interface EncodedWord {
  readonly ids: readonly number[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** What to do with a character that is not in the vocabulary. */
export interface UnknownCharacters {
  /** SentencePiece's byte fallback: the character's UTF-8 bytes as <0xXX> tokens, when all of them exist. */
  byteFallback: boolean;
  /** Else this token (undefined: byte-level vocabularies, which hold every byte). */
  unkId?: number;
  /** Consecutive unknown characters become one unknown token. */
  fuseUnk: boolean;
  /** A word that is itself a token is that token, without merging (Llama 3). */
  ignoreMerges: boolean;
}

const BYTE_LEVEL: UnknownCharacters = { byteFallback: false, fuseUnk: false, ignoreMerges: false };
const utf8 = new TextEncoder();

/** "<0xE2>": SentencePiece's name of a byte token. */
export function byteTokenName(byte: number): string {
  return `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;
}

// Pair keys and heap entries pack two integers into one double: exact below 2^53.
const POSITION_RANGE = 2 ** 32;

/**
 * Byte-pair encoding by merge rank: repeatedly merge the adjacent pair with the lowest rank, leftmost first
 * (the order of the Rust library), using a heap and a linked list so long words stay O(n log n).
 */
export class BytePairEncoder {
  private readonly rankByPair = new Map<number, number>();
  private readonly mergedIdByRank: number[] = [];
  private readonly idRange: number;
  private readonly cache = new BoundedCache<EncodedWord>(50_000);

  private readonly byteIds: Array<number | undefined>;

  constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    merges: ReadonlyArray<readonly [string, string]>,
    source: string,
    private readonly unknown: UnknownCharacters = BYTE_LEVEL,
  ) {
    this.byteIds = Array.from({ length: 256 }, (_, byte) => vocab.get(byteTokenName(byte)));
    let maxId = 0;
    for (const id of vocab.values()) maxId = Math.max(maxId, id);
    this.idRange = maxId + 1;
    merges.forEach(([left, right], rank) => {
      const leftId = vocab.get(left);
      const rightId = vocab.get(right);
      const mergedId = vocab.get(left + right);
      if (leftId === undefined || rightId === undefined || mergedId === undefined) {
        throw new ProbeLensError(
          `${source}: merge ${rank + 1} ("${left} ${right}") uses a token that is not in model.vocab. ` +
            'The file is damaged or does not belong to this vocabulary; download the tokenizer again.',
          'bad-model',
        );
      }
      this.rankByPair.set(leftId * this.idRange + rightId, rank);
      this.mergedIdByRank[rank] = mergedId;
    });
  }

  encode(word: string): EncodedWord {
    return this.cache.word(word, (w) => this.merge(w));
  }

  private rank(leftId: number, rightId: number): number {
    return this.rankByPair.get(leftId * this.idRange + rightId) ?? -1;
  }

  /** The word's characters as symbols: vocabulary ids, byte-fallback tokens or unknown tokens. */
  private symbols(word: string): { ids: number[]; starts: number[]; ends: number[] } {
    const ids: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const { byteFallback, unkId, fuseUnk } = this.unknown;
    let index = 0;
    for (const char of word) {
      const id = this.vocab.get(char);
      const bytes = id === undefined && byteFallback ? Array.from(utf8.encode(char), (b) => this.byteIds[b]) : [];
      if (id !== undefined) {
        ids.push(id);
        starts.push(index);
        ends.push(index + 1);
      } else if (bytes.length > 0 && bytes.every((b) => b !== undefined)) {
        for (const b of bytes) {
          ids.push(b as number);
          starts.push(index);
          ends.push(index + 1);
        }
      } else if (unkId !== undefined) {
        const fuse = fuseUnk && ids.length > 0 && ids[ids.length - 1] === unkId && ends[ends.length - 1] === index;
        if (fuse) ends[ends.length - 1] = index + 1;
        else {
          ids.push(unkId);
          starts.push(index);
          ends.push(index + 1);
        }
      }
      index++;
    }
    return { ids, starts, ends };
  }

  private merge(word: string): EncodedWord {
    if (this.unknown.ignoreMerges) {
      const whole = this.vocab.get(word);
      if (whole !== undefined) return { ids: [whole], starts: [0], ends: [Array.from(word).length] };
    }
    const { ids, starts, ends } = this.symbols(word);
    const n = ids.length;
    const next = Array.from({ length: n }, (_, i) => (i + 1 < n ? i + 1 : -1));
    const previous = Array.from({ length: n }, (_, i) => i - 1);
    const alive = new Array<boolean>(n).fill(true);
    const heap = new MinHeap();
    const pushPair = (left: number): void => {
      const right = next[left];
      if (right < 0) return;
      const rank = this.rank(ids[left], ids[right]);
      if (rank >= 0) heap.push(rank * POSITION_RANGE + left);
    };
    for (let i = 0; i + 1 < n; i++) pushPair(i);

    while (heap.size > 0) {
      const entry = heap.pop();
      const rank = Math.floor(entry / POSITION_RANGE);
      const left = entry - rank * POSITION_RANGE;
      const right = next[left];
      // Stale entry: the symbol was merged away or its neighbour changed since the pair was queued.
      if (!alive[left] || right < 0 || this.rank(ids[left], ids[right]) !== rank) continue;
      ids[left] = this.mergedIdByRank[rank];
      ends[left] = ends[right];
      alive[right] = false;
      next[left] = next[right];
      if (next[right] >= 0) previous[next[right]] = left;
      if (previous[left] >= 0) pushPair(previous[left]);
      pushPair(left);
    }

    const result = { ids: [] as number[], starts: [] as number[], ends: [] as number[] };
    for (let i = n > 0 ? 0 : -1; i >= 0; i = next[i]) {
      result.ids.push(ids[i]);
      result.starts.push(starts[i]);
      result.ends.push(ends[i]);
    }
    return result;
  }
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    let i = items.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent] <= value) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = value;
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as number;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const child = left + 1 < items.length && items[left + 1] < items[left] ? left + 1 : left;
        if (items[child] >= last) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}
