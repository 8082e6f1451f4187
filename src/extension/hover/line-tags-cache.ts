/**
 * Answers of the worker per line, by a key that holds the line's text and what tagged it, so typing
 * elsewhere in the document (a new version) keeps every other line's answer. Least recently used entries go
 * first; a failed answer is dropped so the next hover asks again.
 */
export class LineTagsCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity = 500) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    this.entries.set(key, value);
    value.catch(() => {
      if (this.entries.get(key) === value) this.entries.delete(key);
    });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
