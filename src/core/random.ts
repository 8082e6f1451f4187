import { ProbeLensError } from './errors';

/** The seed of sampling and initialisation when none is given (the CLI's and the extension's default). */
export const DEFAULT_SEED = 13;

/** Seeds are 32-bit: 0 to 2^32 - 1. A larger seed would wrap to the same weights as a smaller one. */
export const MAX_SEED = 2 ** 32 - 1;

/** Refuses a seed outside 0..MAX_SEED (or not whole), which Random would silently wrap. */
export function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new ProbeLensError(`A seed is a whole number from 0 to ${MAX_SEED}, not ${seed}.`, 'bad-input');
  }
}

/**
 * A small seeded PRNG (mulberry32). Every random choice in Probe Lens (weight init, shuffling, few-shot
 * sampling) draws from one of these, so a fixed seed gives identical results on every machine.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
