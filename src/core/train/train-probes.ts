import * as path from 'node:path';
import { rawLabelsOf, withLabelNames } from '../data/labels';
import type { Dataset } from '../data/types';
import type { Encoder } from '../encoders/types';
import { ProbeLensError, throwIfCancelled } from '../errors';
import { createHead } from '../heads/head';
import { checkStrategy, strategiesFor } from '../heads/registry';
import { type Task } from '../task';
import { PROBE_FORMAT, type ProbeConfig } from '../heads/probe/config';
import { saveProbe } from '../heads/probe/store';
import { checkSeed, DEFAULT_SEED, Random } from '../random';
import { gatherLabels, labelOffsets } from './batches';
import { defaultHyperparameters } from './defaults';
import { type CachedFeatureSet, loadOrExtractFeatures } from './features/feature-cache';
import { checkTask, devMetricFor, labelsOf, taskData, taskMetrics } from './task-data';
import { PreparedInputs } from './features/prepared-inputs';
import { type HeadPlan, planHeads, rowsPerStep } from './plan';
import { type Hyperparameters, type Split, trainHead, type TrainProgress } from './trainer';

export type TrainingEvent =
  /** Before any work: every head's parameter count and estimated training memory. */
  | { kind: 'plan'; heads: HeadPlan[] }
  | { kind: 'features'; split: 'train' | 'dev'; done: number; total: number }
  | { kind: 'step' | 'epoch'; strategy: string; progress: TrainProgress }
  | { kind: 'saved'; strategy: string; dir: string; metrics: Record<string, number> }
  /**
   * Something the user should know that does not stop training: a head falling back to JavaScript, or a
   * probe that replaced one another run saved after this run started (see saveProbe).
   */
  | { kind: 'notice'; message: string };

export interface TrainProbesRequest {
  encoder: Encoder;
  task: Task;
  train: Dataset;
  /** The dev split for early stopping and the saved metrics; without it, devFraction of train is held out. */
  dev?: Dataset;
  devFraction?: number;
  /** Default: every strategy of the task. */
  strategies?: readonly string[];
  /** Probes are written to <outDir>/<task>-<strategy>. */
  outDir: string;
  /** Where extracted features are cached (see loadOrExtractFeatures). */
  cacheDir: string;
  seed?: number;
  /** Overrides of defaultHyperparameters(task, strategy), applied to every strategy. */
  hyperparameters?: Partial<Hyperparameters>;
  /** Recorded in config.json: the --limit the caller applied to the files. */
  limit?: number;
  /** Recorded in config.json: the few-shot sample size the caller applied to the training data. */
  fewShot?: number;
  memoryBudgetBytes?: number;
  signal?: AbortSignal;
  onEvent?: (event: TrainingEvent) => void;
}

export interface TrainedProbeSummary {
  strategy: string;
  dir: string;
  parameterCount: number;
  metrics: Record<string, number>;
  bestEpoch: number;
  epochsRun: number;
  /** Wall time of this head's training and dev scoring. */
  trainMs: number;
  /** Wall time of writing its probe folder (synced to disk, so it depends on the disk more than the head). */
  saveMs: number;
}

export interface TrainProbesResult {
  task: Task;
  labels: string[];
  probes: TrainedProbeSummary[];
  /** Wall time of feature extraction (or cache reading) for train and dev together. */
  featuresMs: number;
  featuresReused: boolean;
}

export function probeFolder(outDir: string, task: Task, strategy: string): string {
  return path.join(outDir, `${task}-${strategy}`);
}

/**
 * Extracts (or reuses) the features of train and dev once, then trains, scores and saves one probe per
 * strategy. Each probe folder is written atomically once its head is trained, so cancelling leaves every
 * probe either as it was or complete.
 */
export async function trainProbes(request: TrainProbesRequest): Promise<TrainProbesResult> {
  const { encoder, task, signal } = request;
  checkTask(request.train, task, 'training');
  if (request.dev) checkTask(request.dev, task, 'dev');
  const strategies = request.strategies ?? strategiesFor(task);
  strategies.forEach((s) => checkStrategy(task, s));
  const seed = request.seed ?? DEFAULT_SEED;
  checkSeed(seed);
  const labels = labelsOf(request.train);
  const rawLabels = request.train.task === 'sentiment' ? rawLabelsOf(request.train, labels) : undefined;
  const trainData = taskData(request.train, labels);
  const devData = request.dev ? taskData(withLabelNames(request.dev, labels, rawLabels), labels) : undefined;
  const shape = { hiddenSize: encoder.identity.hiddenSize, numLayers: encoder.identity.layers + 1, numLabels: labels.length };
  const hyperparameters = (strategy: string) => ({ ...defaultHyperparameters(task, strategy), ...request.hyperparameters });
  const rows = rowsPerStep(encoder, trainData.source, Math.max(...strategies.map((s) => hyperparameters(s).batchSize)));
  request.onEvent?.({ kind: 'plan', heads: planHeads(task, strategies, shape, rows) });

  const started = Date.now();
  const extract = (split: 'train' | 'dev', source: typeof trainData.source) =>
    loadOrExtractFeatures(encoder, source, {
      cacheDir: request.cacheDir,
      memoryBudgetBytes: request.memoryBudgetBytes,
      signal,
      onProgress: (done, total) => request.onEvent?.({ kind: 'features', split, done, total }),
    });
  const trainFeatures = await extract('train', trainData.source);
  const features: CachedFeatureSet[] = [trainFeatures];
  try {
    let trainSplit: Split;
    let devSplit: Split;
    let devDescription: string;
    if (devData) {
      const devFeatures = await extract('dev', devData.source);
      features.push(devFeatures);
      trainSplit = { features: trainFeatures, labels: trainData.labels };
      devSplit = { features: devFeatures, labels: devData.labels };
      devDescription = request.dev!.file;
    } else {
      const fraction = request.devFraction ?? 0.1;
      const { train, dev } = holdOut(trainFeatures.count, fraction, seed);
      trainSplit = { features: trainFeatures, labels: trainData.labels, examples: train };
      devSplit = { features: trainFeatures, labels: trainData.labels, examples: dev };
      devDescription = `${Math.round(fraction * 100)}% held out from ${request.train.file} (seed ${seed})`;
    }
    const featuresMs = Date.now() - started;
    const metric = devMetricFor(task, labels);
    const devExamples = devSplit.examples ?? Int32Array.from({ length: devSplit.features.count }, (_, i) => i);
    const inputs = new PreparedInputs(trainSplit, devSplit, request.memoryBudgetBytes);
    const probes: TrainedProbeSummary[] = [];
    for (const strategy of strategies) {
      throwIfCancelled(signal);
      const headStarted = Date.now();
      const head = createHead(task, strategy, shape, seed);
      const result = await trainHead(head, trainSplit, devSplit, {
        ...hyperparameters(strategy),
        seed,
        metric,
        inputs,
        runtime: encoder.runtime,
        log: (message) => request.onEvent?.({ kind: 'notice', message }),
        signal,
        onProgress: (progress) => request.onEvent?.({ kind: progress.devMetric === undefined ? 'step' : 'epoch', strategy, progress }),
      });
      // The kept weights' own evaluation (onnxruntime's forward for most heads): scoring dev again through the
      // JavaScript forward took 80 s per bert-base-sized head with hidden layers.
      const metrics = taskMetrics(task, labels, gatherLabels(devSplit.labels, devExamples), result.devPredictions, labelOffsets(devSplit.labels, devExamples));
      const config: ProbeConfig = {
        format: PROBE_FORMAT,
        task,
        strategy,
        labels,
        ...(rawLabels ? { rawLabels } : {}),
        encoder: encoder.identity,
        shape: head.shape,
        parameterCount: head.parameterCount,
        seed,
        hyperparameters: hyperparameters(strategy),
        training: {
          file: request.train.file,
          examples: trainSplit.examples?.length ?? trainSplit.features.count,
          dev: devDescription,
          devExamples: devExamples.length,
          ...(request.limit !== undefined ? { limit: request.limit } : {}),
          ...(request.fewShot !== undefined ? { fewShot: request.fewShot } : {}),
        },
        metrics,
        bestEpoch: result.bestEpoch,
        epochsRun: result.epochsRun,
        trainedAt: new Date().toISOString(),
      };
      const trainMs = Date.now() - headStarted;
      throwIfCancelled(signal);
      const saveStarted = Date.now();
      const dir = probeFolder(request.outDir, task, strategy);
      const notice = saveProbe(dir, { config, head, standardizer: result.standardizer }, { since: started });
      request.onEvent?.({ kind: 'saved', strategy, dir, metrics });
      if (notice) request.onEvent?.({ kind: 'notice', message: `${strategy} probe: ${notice}` });
      probes.push({ strategy, dir, parameterCount: head.parameterCount, metrics, bestEpoch: result.bestEpoch, epochsRun: result.epochsRun, trainMs, saveMs: Date.now() - saveStarted });
    }
    return { task, labels, probes, featuresMs, featuresReused: features.every((f) => f.reused) };
  } finally {
    for (const f of features) f.close();
  }
}

/** A seeded split of example indices: `fraction` of them (at least one, never all) for dev. */
export function holdOut(count: number, fraction: number, seed: number): { train: Int32Array; dev: Int32Array } {
  if (count < 2) {
    throw new ProbeLensError('One training example cannot be split into train and dev; give a dev file (--dev).', 'data');
  }
  const order = new Random(seed ^ 0x2545f491).shuffle(Array.from({ length: count }, (_, i) => i));
  const devCount = Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
  const sorted = (items: number[]) => Int32Array.from(items.sort((a, b) => a - b));
  return { dev: sorted(order.slice(0, devCount)), train: sorted(order.slice(devCount)) };
}
