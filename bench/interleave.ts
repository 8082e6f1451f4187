import { spread, type Spread } from './stats';

/** Something to time: one call is one repetition. */
export interface Contender {
  name: string;
  run: () => Promise<unknown> | unknown;
}

export interface InterleavedTimes {
  /** Milliseconds per repetition, by contender name, in round order. */
  samples: Map<string, number[]>;
}

export interface InterleaveOptions {
  /** Untimed rounds first (session warm-up, JIT, caches). */
  warmup: number;
  rounds: number;
}

/**
 * Runs every contender once per round, rotating who goes first, so load from other processes and slow drifts
 * (thermal, frequency) hit every side alike; A/B ratios are then taken round by round (paired).
 */
export async function interleave(contenders: readonly Contender[], options: InterleaveOptions): Promise<InterleavedTimes> {
  const samples = new Map(contenders.map((c) => [c.name, [] as number[]]));
  const total = options.warmup + options.rounds;
  for (let round = 0; round < total; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(k + round) % contenders.length];
      const started = performance.now();
      await contender.run();
      const elapsed = performance.now() - started;
      if (round >= options.warmup) samples.get(contender.name)!.push(elapsed);
    }
  }
  return { samples };
}

export function timesOf(times: InterleavedTimes, name: string): number[] {
  const values = times.samples.get(name);
  if (!values) throw new Error(`no contender named ${name}`);
  return values;
}

/** numerator / denominator per round: the spread of paired ratios. */
export function pairedRatio(times: InterleavedTimes, numerator: string, denominator: string): Spread {
  const a = timesOf(times, numerator);
  const b = timesOf(times, denominator);
  return spread(a.map((value, i) => value / b[i]));
}
