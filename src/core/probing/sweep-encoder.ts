import type { Dataset } from '../data/types';
import type { Encoder } from '../encoders/types';
import { ProbeLensError } from '../errors';
import type { Task } from '../heads/head';
import { type CachedFeatureSet, loadOrExtractFeatures } from '../train/feature-cache';
import type { FeatureSource } from '../train/features';
import { checkTask, labelsOf, taskData } from '../train/task-data';
import { type LayerSweep, type SweepOptions, type SweepProgress, sweepLayers } from './layer-sweep';

export interface SweepEncoderRequest extends Omit<SweepOptions, 'labels' | 'train' | 'dev' | 'onProgress'> {
  encoder: Encoder;
  task: Task;
  train: Dataset;
  dev: Dataset;
  /** Where extracted features are cached (see loadOrExtractFeatures); sentence features are kept for every layer. */
  cacheDir: string;
  memoryBudgetBytes?: number;
  onProgress?: (event: SweepEvent) => void;
}

export type SweepEvent = { kind: 'features'; split: 'train' | 'dev'; done: number; total: number } | ({ kind: 'probe' } & SweepProgress);

export interface EncoderSweep extends LayerSweep {
  labels: string[];
  /** Wall time of feature extraction (or reading the cache) for train and dev. */
  featuresMs: number;
  featuresReused: boolean;
}

/**
 * A layer sweep of one encoder on a train and a dev dataset: features of every layer extracted once (or read
 * back from the feature cache), then sweepLayers. A one-layer encoder is refused before any extraction.
 */
export async function sweepEncoder(request: SweepEncoderRequest): Promise<EncoderSweep> {
  const { encoder, task, signal } = request;
  const { name, layers } = encoder.identity;
  if (layers < 2) {
    throw new ProbeLensError(`${name} has ${layers} layer${layers === 1 ? '' : 's'}: there is nothing to sweep (a sweep compares the layers of a deeper encoder).`, 'bad-input');
  }
  checkTask(request.train, task, 'training');
  checkTask(request.dev, task, 'dev');
  const labels = labelsOf(request.train);
  const trainData = taskData(request.train, labels);
  const devData = taskData(request.dev, labels);
  const started = Date.now();
  const extract = (split: 'train' | 'dev', source: FeatureSource) =>
    loadOrExtractFeatures(encoder, source.kind === 'sentence-tokens' ? { ...source, layers: 'all' } : source, {
      cacheDir: request.cacheDir,
      memoryBudgetBytes: request.memoryBudgetBytes,
      signal,
      onProgress: (done, total) => request.onProgress?.({ kind: 'features', split, done, total }),
    });
  const features: CachedFeatureSet[] = [];
  try {
    features.push(await extract('train', trainData.source));
    features.push(await extract('dev', devData.source));
    const featuresMs = Date.now() - started;
    const [trainFeatures, devFeatures] = features;
    const sweep = await sweepLayers({
      ...request,
      labels,
      train: { features: trainFeatures, labels: trainData.labels, keys: keysOf(request.train) },
      dev: { features: devFeatures, labels: devData.labels, keys: keysOf(request.dev) },
      onProgress: (progress) => request.onProgress?.({ kind: 'probe', ...progress }),
    });
    return { ...sweep, labels, featuresMs, featuresReused: features.every((f) => f.reused) };
  } finally {
    for (const f of features) f.close();
  }
}

/** The control task's keys: the sentence for sentiment, each word (its type) for NER. */
function keysOf(dataset: Dataset): string[][] {
  return dataset.task === 'sentiment' ? dataset.examples.map((e) => [e.text]) : dataset.sentences.map((s) => s.words);
}
