import type { Encoder } from '../encoders/types';
import { ProbeLensError } from '../errors';
import { type CachedFeatureSet, loadOrExtractFeatures } from '../train/features/feature-cache';
import type { FeatureSource } from '../train/features/features';
import type { TaskData } from '../train/task-data';
import { type LayerSweep, type SweepOptions, type SweepProgress, sweepLayers } from './layer-sweep';

export interface SweepEncoderRequest extends Omit<SweepOptions, 'train' | 'dev' | 'onProgress'> {
  encoder: Encoder;
  /** Encoder inputs and label indices (into `labels`) of each split: see taskData. */
  train: TaskData;
  dev: TaskData;
  /** Where extracted features are cached (see loadOrExtractFeatures); sentence features are kept for every layer. */
  cacheDir: string;
  memoryBudgetBytes?: number;
  onProgress?: (event: SweepEvent) => void;
}

export type SweepEvent = { kind: 'features'; split: 'train' | 'dev'; done: number; total: number } | ({ kind: 'probe' } & SweepProgress);

export interface EncoderSweep extends LayerSweep {
  /** Wall time of feature extraction (or reading the cache) for train and dev. */
  featuresMs: number;
  featuresReused: boolean;
}

/**
 * A layer sweep of one encoder: features of every layer extracted once (or read back from the feature cache),
 * then sweepLayers. A one-layer encoder is refused before any extraction.
 */
export async function sweepEncoder(request: SweepEncoderRequest): Promise<EncoderSweep> {
  const { encoder, signal } = request;
  const { name, layers } = encoder.identity;
  if (layers < 2) {
    throw new ProbeLensError(`${name} has ${layers} layer${layers === 1 ? '' : 's'}: there is nothing to sweep (a sweep compares the layers of a deeper encoder).`, 'bad-input');
  }
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
    features.push(await extract('train', request.train.source));
    features.push(await extract('dev', request.dev.source));
    const featuresMs = Date.now() - started;
    const [trainFeatures, devFeatures] = features;
    const sweep = await sweepLayers({
      ...request,
      runtime: request.runtime ?? encoder.runtime,
      train: { features: trainFeatures, labels: request.train.labels, keys: controlKeys(request.train.source) },
      dev: { features: devFeatures, labels: request.dev.labels, keys: controlKeys(request.dev.source) },
      onProgress: (progress) => request.onProgress?.({ kind: 'probe', ...progress }),
    });
    return { ...sweep, featuresMs, featuresReused: features.every((f) => f.reused) };
  } finally {
    for (const f of features) f.close();
  }
}

/** The control task's keys per example: the sentence for sentiment, each word (its type) for NER. */
function controlKeys(source: FeatureSource): (readonly string[])[] {
  return source.kind === 'sentence-tokens' ? source.texts.map((text) => [text]) : [...source.sentences];
}
