/** A Map that forgets everything once it holds `capacity` entries, so a long session cannot grow it forever. */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /**
   * The value for a word, computed once: very long "words" (a run of letters with no space) are not worth
   * remembering.
   */
  word(word: string, compute: (word: string) => V): V {
    let value = this.get(word);
    if (value === undefined) {
      value = compute(word);
      if (word.length <= 256) this.set(word, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, value);
  }
}
