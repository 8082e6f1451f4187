import type { Encoder, EncoderIdentity } from '../encoders/types';
import { throwIfCancelled } from '../errors';
import type { LayerSweep } from '../probing/layer-sweep';
import { sweepEncoder } from '../probing/sweep-encoder';
import { checkStrategy, strategiesFor } from '../heads/registry';
import { summariseCells } from './aggregate';
import { experimentCharts } from './charts';
import type { ClaimInput } from './claim-support';
import { extractEncoderFeatures } from './encoder-features';
import { type ExperimentData, prepareExperimentData } from './experiment-data';
import { fusionClaims } from './fusion-claims';
import { poolingClaims } from './pooling-claims';
import { encoderLabels, environment } from './provenance';
import { type RunLog, runKey } from './run-log';
import { DEFAULT_SCHEDULES, type ScheduleOptions, type TrainingPlan, trainingPlan } from './schedule';
import type { SizeRequest } from './sizes';
import { setCommonTargets, trainRun } from './train-run';
import { type EncoderRecord, type ExperimentKind, type ExperimentResults, type LayerSweepRecord, RESULTS_FORMAT, type RunRecord, taskOf } from './types';

/** Dev sentences early stopping and the learning curves follow in a fusion experiment (scoring every word of a large dev set every 20 steps would dominate). */
export const DEFAULT_FUSION_SELECTION_SIZE = 500;

export interface ExperimentRequest {
  kind: ExperimentKind;
  /** Hub ids or model folders, as the user gave them. */
  models: readonly string[];
  openEncoder: (model: string) => Promise<Encoder>;
  trainFile: string;
  devFile: string;
  sizes: readonly SizeRequest[];
  /** How many seeds: 1, 2, … n. */
  seeds: number;
  /** Default: every strategy of the task. */
  strategies?: readonly string[];
  /** Score on a seeded stratified sample of this many dev examples instead of the whole file. */
  devSize?: number;
  /** Dev examples for early stopping and the curves; default all for pooling, DEFAULT_FUSION_SELECTION_SIZE for fusion. */
  selectionSize?: number;
  schedule?: Partial<ScheduleOptions>;
  /** Where extracted features are cached (see loadOrExtractFeatures). */
  cacheDir: string;
  /** Recorded in the results, to reproduce them. */
  commandLine: string;
  quick?: boolean;
  /** Also sweep every layer of each encoder (see sweepEncoder) on the training examples in use. */
  layerSweep?: boolean;
  /** A journal of finished runs: runs already in it are read back, new ones are added (see RunLog). */
  runLog?: RunLog;
  signal?: AbortSignal;
  onEvent?: (event: ExperimentEvent) => void;
}

export type ExperimentEvent =
  | { kind: 'notice'; message: string }
  | { kind: 'features'; encoder: string; split: 'train' | 'dev'; done: number; total: number }
  | { kind: 'run'; run: RunRecord; done: number; total: number };

/**
 * Runs an experiment: for every encoder, the features of the training examples in use and of dev are
 * extracted once (and cached); then every strategy trains on every size's subset for every seed and is scored
 * on dev. Returns everything measured, with the claims judged on it and the charts drawn.
 */
export async function runExperiment(request: ExperimentRequest): Promise<ExperimentResults> {
  const started = Date.now();
  const task = taskOf(request.kind);
  const strategies = request.strategies ?? strategiesFor(task);
  strategies.forEach((s) => checkStrategy(task, s));
  const seeds = Array.from({ length: request.seeds }, (_, i) => i + 1);
  const schedule = { ...DEFAULT_SCHEDULES[request.kind], ...request.schedule };
  const selectionSize = request.selectionSize ?? (request.kind === 'fusion' ? DEFAULT_FUSION_SELECTION_SIZE : undefined);
  const data = await prepareExperimentData({ ...request, seeds, selectionSize });
  const notice = (message: string) => request.onEvent?.({ kind: 'notice', message });
  data.notices.forEach(notice);

  const labels = encoderLabels(request.models);
  const encoders: EncoderRecord[] = [];
  const runs: RunRecord[] = [];
  const layerSweeps: LayerSweepRecord[] = [];
  const total = request.models.length * seeds.length * data.sizes.length * strategies.length;
  let resumed = 0;
  const keys: string[] = [];
  // With the encoder, strategy, size, seed and plan: everything a run's numbers depend on (see RunLog). Not the
  // other sizes: a run's subset and batches are the same whichever sizes it runs beside, so sizes can be added.
  const { train, dev, selection } = data.records;
  const keyParts = { format: RESULTS_FORMAT, kind: request.kind, train: train.sha256, dev: [dev.sha256, dev.used], selection, labels: data.labels };
  const keyOf = ({ fingerprint, family, layers, hiddenSize, dtype }: EncoderIdentity, strategy: string, size: number, seed: number, plan: TrainingPlan) =>
    runKey({ ...keyParts, encoder: { fingerprint, family, layers, hiddenSize, dtype }, strategy, size, seed, plan });
  for (const [m, model] of request.models.entries()) {
    throwIfCancelled(request.signal);
    const { record, features } = await extractEncoderFeatures(model, labels[m], data, {
      openEncoder: request.openEncoder,
      cacheDir: request.cacheDir,
      task,
      strategies,
      signal: request.signal,
      onProgress: (split, done, count) => request.onEvent?.({ kind: 'features', encoder: labels[m], split, done, total: count }),
    });
    encoders.push(record);
    try {
      for (const [s, size] of data.sizes.entries()) {
        for (const seed of seeds) {
          const atSeed: RunRecord[] = [];
          for (const strategy of strategies) {
            throwIfCancelled(request.signal);
            const plan = trainingPlan(task, strategy, size.used, schedule);
            const key = keyOf(record.identity, strategy, size.used, seed, plan);
            const logged = request.runLog?.find(key);
            const examples = data.subsets.bySeed.get(seed)![s];
            const run = logged ? { ...logged, encoder: record.label } : await trainRun({ task, encoder: record, strategy, examples, seed, plan, signal: request.signal, log: notice }, data, features);
            keys.push(key);
            if (logged) resumed++;
            else request.runLog?.record(key, run);
            atSeed.push(run);
            runs.push(run);
            request.onEvent?.({ kind: 'run', run, done: runs.length, total });
          }
          setCommonTargets(atSeed);
        }
      }
    } finally {
      features.train.close();
      features.dev.close();
    }
    if (request.layerSweep) layerSweeps.push({ encoder: record.label, sweep: await sweepOf(model, record.label, data, request) });
  }

  request.runLog?.retain(keys);
  if (resumed > 0) data.notices.push(`${resumed} of the ${total} runs were read back from the run journal (resumed), not trained again.`);
  const sizes = data.sizes.map((s) => s.used);
  const cells = summariseCells(runs, encoders, strategies, sizes);
  const metric = request.kind === 'pooling' ? { key: 'accuracy', label: 'accuracy', others: [{ key: 'macroF1', label: 'macro-F1' }] } : { key: 'f1', label: 'entity F1', others: [] };
  const claimInput: ClaimInput = {
    runs,
    encoders: encoders.map((e) => ({ label: e.label, family: e.identity.family })),
    sizes,
    trainExamples: data.records.train.examples,
    seeds,
    metric: metric.key,
  };
  return {
    format: RESULTS_FORMAT,
    kind: request.kind,
    task,
    metric,
    commandLine: request.commandLine,
    quick: request.quick ?? false,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    resumedRuns: resumed,
    environment: environment(),
    seeds,
    sizes: data.sizes,
    strategies: [...strategies],
    labels: data.labels,
    schedule,
    plans: strategies.flatMap((strategy) => sizes.map((size) => ({ strategy, size, plan: trainingPlan(task, strategy, size, schedule) }))),
    datasets: data.records,
    encoders,
    runs,
    cells,
    claims: request.kind === 'pooling' ? poolingClaims(claimInput, strategies) : fusionClaims(claimInput),
    charts: experimentCharts(cells, encoders, strategies, metric, task === 'ner' ? 'sentences' : 'examples', layerSweeps),
    notices: data.notices,
    ...(request.layerSweep ? { layerSweeps } : {}),
  };
}

/** An encoder's layer sweep on the experiment's training examples and dev set (features of every layer, cached). */
async function sweepOf(model: string, label: string, data: ExperimentData, request: ExperimentRequest): Promise<LayerSweep> {
  const encoder = await request.openEncoder(model);
  try {
    return await sweepEncoder({
      encoder,
      task: taskOf(request.kind),
      labels: data.labels,
      train: data.train,
      dev: data.dev,
      cacheDir: request.cacheDir,
      signal: request.signal,
      onProgress: (event) => {
        if (event.kind === 'features') request.onEvent?.({ kind: 'features', encoder: label, split: event.split, done: event.done, total: event.total });
      },
    });
  } finally {
    await encoder.dispose();
  }
}
