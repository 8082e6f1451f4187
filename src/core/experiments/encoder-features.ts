import type { Encoder } from '../encoders/types';
import { createHead } from '../heads/head';
import { type Task } from '../task';
import { type CachedFeatureSet, loadOrExtractFeatures } from '../train/features/feature-cache';
import type { ExperimentData } from './experiment-data';
import type { EncoderRecord } from './types';

/** One encoder's features of the training examples in use and of dev, shared by every run. */
export interface EncoderFeatures {
  train: CachedFeatureSet;
  dev: CachedFeatureSet;
}

export interface ExtractOptions {
  openEncoder: (model: string) => Promise<Encoder>;
  cacheDir: string;
  task: Task;
  strategies: readonly string[];
  signal?: AbortSignal;
  onProgress?: (split: 'train' | 'dev', done: number, total: number) => void;
}

/**
 * Extracts (or reads back from the cache) one encoder's features, loading the encoder only for as long as
 * that takes: training needs the features, not the model. Also counts each strategy's parameters for it.
 */
export async function extractEncoderFeatures(model: string, label: string, data: ExperimentData, options: ExtractOptions): Promise<{ record: EncoderRecord; features: EncoderFeatures }> {
  const started = Date.now();
  const encoder = await options.openEncoder(model);
  const extract = (split: 'train' | 'dev') =>
    loadOrExtractFeatures(encoder, data[split].source, {
      cacheDir: options.cacheDir,
      signal: options.signal,
      onProgress: (done, total) => options.onProgress?.(split, done, total),
    });
  let features: EncoderFeatures;
  try {
    const train = await extract('train');
    try {
      features = { train, dev: await extract('dev') };
    } catch (error) {
      train.close();
      throw error;
    }
  } finally {
    await encoder.dispose();
  }
  const { identity } = encoder;
  const shape = { hiddenSize: identity.hiddenSize, numLayers: identity.layers + 1, numLabels: data.labels.length };
  const record: EncoderRecord = {
    label,
    identity,
    featuresMs: Date.now() - started,
    featuresReused: features.train.reused && features.dev.reused,
    parameterCounts: Object.fromEntries(options.strategies.map((s) => [s, createHead(options.task, s, shape, 0).parameterCount])),
  };
  return { record, features };
}
