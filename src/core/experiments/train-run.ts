import { type Task } from '../task';
import { createHead } from '../heads/head';
import { devMetricFor } from '../train/task-data';
import { trainHead } from '../train/trainer';
import type { EncoderFeatures } from './encoder-features';
import type { ExperimentData } from './experiment-data';
import type { TrainingPlan } from './schedule';
import { scoreHead } from './score-head';
import { stepsToOwnTarget, stepsToReach, TARGET_FRACTION } from './steps-to-target';
import type { EncoderRecord, RunRecord } from './types';

export interface RunSpec {
  task: Task;
  encoder: EncoderRecord;
  strategy: string;
  /** Training examples: indices into the experiment's training features (the subset of this size and seed). */
  examples: Int32Array;
  seed: number;
  plan: TrainingPlan;
  signal?: AbortSignal;
  /** Where a head's fallback to JavaScript is said. */
  log?: (message: string) => void;
}

/**
 * One run: a head initialised from the seed trains on the subset, early stopping on the selection set, and is
 * scored on the whole dev set. stepsToCommonTarget is filled in later, once the run's siblings are done.
 */
export async function trainRun(spec: RunSpec, data: ExperimentData, features: EncoderFeatures): Promise<RunRecord> {
  const started = Date.now();
  const { task, encoder, strategy, examples, seed, plan } = spec;
  const { identity } = encoder;
  const head = createHead(task, strategy, { hiddenSize: identity.hiddenSize, numLayers: identity.layers + 1, numLabels: data.labels.length }, seed);
  const result = await trainHead(
    head,
    { features: features.train, labels: data.train.labels, examples },
    { features: features.dev, labels: data.dev.labels, examples: data.selection },
    { ...plan, seed, metric: devMetricFor(task, data.labels), signal: spec.signal, log: spec.log },
  );
  const allDev = Int32Array.from({ length: features.dev.count }, (_, i) => i);
  const score = scoreHead(head, features.dev, data.dev.labels, allDev, result.standardizer, data.labels);
  return {
    encoder: encoder.label,
    strategy,
    size: examples.length,
    seed,
    metrics: score.metrics,
    selection: {
      best: result.devMetric,
      bestStep: result.bestStep,
      steps: result.steps,
      epochs: result.epochsRun,
      curve: result.evaluations.map((e) => [e.step, e.devMetric]),
    },
    stepsToTarget: stepsToOwnTarget(result.evaluations),
    stepsToCommonTarget: null,
    ...(score.layerWeights ? { layerWeights: score.layerWeights } : {}),
    trainMs: Date.now() - started,
  };
}

/**
 * Fills stepsToCommonTarget of the runs of one encoder, size and seed: the target is TARGET_FRACTION of the
 * best selection score of any of them, so a head that plateaus low does not reach it.
 */
export function setCommonTargets(runs: RunRecord[]): void {
  const best = Math.max(...runs.map((r) => r.selection.best));
  if (!(best > 0)) return;
  for (const run of runs) {
    const curve = run.selection.curve.map(([step, devMetric]) => ({ step, devMetric }));
    run.stepsToCommonTarget = stepsToReach(curve, TARGET_FRACTION * best);
  }
}
