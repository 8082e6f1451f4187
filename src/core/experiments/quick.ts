import type { ScheduleOptions } from './schedule';
import type { SizeRequest } from './sizes';
import type { ExperimentKind } from './types';

/**
 * --quick: the whole pipeline in seconds on tiny encoders, as a smoke test (npm test runs it): two tiny
 * sizes, one seed, a small dev sample, a few dozen steps. Its numbers mean nothing.
 */
export interface QuickSettings {
  sizes: SizeRequest[];
  seeds: number;
  devSize: number;
  schedule: ScheduleOptions;
}

export const QUICK_SETTINGS: Readonly<Record<ExperimentKind, QuickSettings>> = {
  pooling: { sizes: [16, 48], seeds: 1, devSize: 48, schedule: { minSteps: 10, maxSteps: 20, evaluateEvery: 5 } },
  fusion: { sizes: [4, 8], seeds: 1, devSize: 24, schedule: { minSteps: 5, maxSteps: 10, evaluateEvery: 5 } },
};
