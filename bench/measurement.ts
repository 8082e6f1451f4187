import type { Spread } from './stats';

export interface Target {
  op: '<=' | '>=';
  value: number;
}

/** One line of the results table. */
export interface Measurement {
  /** The item, e.g. "1. compare / raw". */
  item: string;
  /** What was measured, e.g. "tiny-bert-uncased fp32, 64 tokens". */
  subject: string;
  /** Absent when the measured code does not exist yet (see unavailable). */
  value?: number;
  unit: 'ratio' | 'ms' | 'MB' | 'steps/s' | 'sentences/s' | 'sequences' | 's';
  spread?: Spread;
  target?: Target;
  /** Raw numbers behind the value (medians of each side, counts), for the JSON and the details column. */
  details?: Record<string, number | string | boolean>;
  /**
   * Why there is no value: "not available yet: <what>" when the part of the product it needs has not landed,
   * "not available: <why>" when the machine lacks a peer the bench does not install (PyTorch).
   */
  unavailable?: string;
}

export function meetsTarget(m: Measurement): boolean | undefined {
  if (m.value === undefined || !m.target) return undefined;
  return m.target.op === '<=' ? m.value <= m.target.value : m.value >= m.target.value;
}

export function notAvailable(item: string, subject: string, unit: Measurement['unit'], what: string, target?: Target, prefix = 'not available yet'): Measurement {
  return { item, subject, unit, target, unavailable: `${prefix}: ${what}` };
}
