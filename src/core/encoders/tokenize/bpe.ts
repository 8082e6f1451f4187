import { ProbeLensError } from '../../errors';
import { BoundedCache } from './bounded-cache';

/** A word's tokens: ids[k] covers lengths[k] characters of the word, in order. */
export interface EncodedWord {
  readonly ids: readonly number[];
  readonly lengths: readonly number[];
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

  constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    merges: ReadonlyArray<readonly [string, string]>,
    source: string,
  ) {
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

  /** `word` must consist of characters that are all in the vocabulary (byte characters are). */
  encode(word: string): EncodedWord {
    let encoded = this.cache.get(word);
    if (!encoded) {
      encoded = this.merge(word);
      // Very long "words" (a run of letters with no space) are not worth remembering.
      if (word.length <= 256) this.cache.set(word, encoded);
    }
    return encoded;
  }

  private rank(leftId: number, rightId: number): number {
    return this.rankByPair.get(leftId * this.idRange + rightId) ?? -1;
  }

  private merge(word: string): EncodedWord {
    const n = word.length;
    const ids = Array.from(word, (char) => this.vocab.get(char) as number);
    const lengths = new Array<number>(n).fill(1);
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
      lengths[left] += lengths[right];
      alive[right] = false;
      next[left] = next[right];
      if (next[right] >= 0) previous[next[right]] = left;
      if (previous[left] >= 0) pushPair(previous[left]);
      pushPair(left);
    }

    const resultIds: number[] = [];
    const resultLengths: number[] = [];
    for (let i = n > 0 ? 0 : -1; i >= 0; i = next[i]) {
      resultIds.push(ids[i]);
      resultLengths.push(lengths[i]);
    }
    return { ids: resultIds, lengths: resultLengths };
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
