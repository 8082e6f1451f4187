/**
 * A child process of the bench: loads one encoder, trains every head of one task as the extension's Train
 * Probes does by default — N sentences sampled from the shared training file (stratified, seeded), dev
 * sampled from the shared dev file to at most as many, the product's hyperparameters and threads — with a
 * fresh feature cache, then prints one `RESULT {json}` line: extraction and fitting times, epochs and the
 * process's peak RSS. Own process, so the peak belongs to this training alone.
 */
import * as path from 'node:path';
import { loadEncoder } from '../../src/core/encoders';
import { prepareTrainingData } from '../../src/core/data/training-data';
import type { Dataset } from '../../src/core/data/types';
import type { Dtype } from '../../src/core/encoders/types';
import { type Task } from '../../src/core/task';
import { trainProbes } from '../../src/core/train/train-probes';
import { DEFAULT_SETTINGS } from '../../src/extension/settings/parse-settings';
import { peakRssMb } from '../peak-rss';
import { CONLL_DEV, CONLL_TRAIN, SST2_DEV, SST2_TRAIN } from '../texts';

export interface FitRequest {
  modelDir: string;
  dtype: Dtype;
  task: Task;
  /** Training sentences, and at most as many dev sentences (the few-shot size). */
  sentences: number;
  /** Overrides the product's default epochs (the quick run trains one). */
  epochs?: number;
  /** onnxruntime threads of the encoder and the heads (default: the product's). */
  threads?: number;
  /** The heads to train (default: every strategy of the task), to time one head alone. */
  strategies?: string[];
  /** This task's folder (features, probes). */
  scratchDir: string;
  /** The run's cache of tapped graphs, shared by every child (a bert-base graph is written once). */
  cacheDir: string;
}

export interface FitResult {
  featuresMs: number;
  /** Per head: training and dev scoring. */
  trainMs: Record<string, number>;
  /** Per head: writing the probe folder (fsynced), reported beside the fitting time rather than in it. */
  saveMs: Record<string, number>;
  epochsRun: Record<string, number>;
  /** Training and dev sentences after sampling. */
  trainSentences: number;
  devSentences: number;
  maxRssMb: number;
  /** The onnxruntime threads the encoder and the heads ran with. */
  threads: number;
  /** RSS right after the encoder loaded, before any feature was extracted. */
  rssAfterLoadMb: number;
}

async function fit(request: FitRequest): Promise<FitResult> {
  const encoder = await loadEncoder(request.modelDir, { dtype: request.dtype, cacheDir: request.cacheDir, offline: true, threads: request.threads });
  const rssAfterLoadMb = process.memoryUsage().rss / 1024 ** 2;
  const { threads } = encoder.runtime;
  const files = request.task === 'ner' ? { train: CONLL_TRAIN, dev: CONLL_DEV } : { train: SST2_TRAIN, dev: SST2_DEV };
  const { train, dev } = await prepareTrainingData(request.task, { kind: 'files', ...files }, {
    cacheDir: request.cacheDir,
    offline: true,
    fewShot: request.sentences,
    devSize: request.sentences,
    seed: DEFAULT_SETTINGS.training.seed,
  });
  const result = await trainProbes({
    encoder,
    task: request.task,
    train,
    dev,
    seed: DEFAULT_SETTINGS.training.seed,
    outDir: path.join(request.scratchDir, 'probes'),
    cacheDir: path.join(request.scratchDir, 'features'),
    strategies: request.strategies,
    hyperparameters: request.epochs === undefined ? undefined : { epochs: request.epochs },
  });
  await encoder.dispose();
  return {
    featuresMs: result.featuresMs,
    trainMs: Object.fromEntries(result.probes.map((p) => [p.strategy, p.trainMs])),
    saveMs: Object.fromEntries(result.probes.map((p) => [p.strategy, p.saveMs])),
    epochsRun: Object.fromEntries(result.probes.map((p) => [p.strategy, p.epochsRun])),
    trainSentences: count(train),
    devSentences: dev ? count(dev) : 0,
    maxRssMb: peakRssMb(),
    threads,
    rssAfterLoadMb,
  };
}

function count(dataset: Dataset): number {
  return dataset.task === 'ner' ? dataset.sentences.length : dataset.examples.length;
}

fit(JSON.parse(process.argv[2]) as FitRequest).then(
  (result) => console.log(`RESULT ${JSON.stringify(result)}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
