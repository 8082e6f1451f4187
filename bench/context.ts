import type { Measurement } from './measurement';
import type { BenchPlan } from './plan';

export interface BenchContext {
  plan: BenchPlan;
  /** A private temporary folder for this run (tap and feature caches, probes); removed at the end. */
  scratchDir: string;
  /** Progress on stderr, so stdout stays the table. */
  log: (message: string) => void;
}

/** One group of measurements; it throws only when the benchmark itself breaks. */
export interface Section {
  id: string;
  run: (context: BenchContext) => Promise<Measurement[]>;
}
