import type { Dataset } from '../data/types';
import type { Encoder } from '../encoders/types';
import { throwIfCancelled } from '../errors';
import type { LoadedProbe } from '../heads/probe/store';
import { gatherLabels, labelOffsets, predictExamples } from './batches';
import { type FeatureCacheOptions, loadOrExtractFeatures } from './features/feature-cache';
import { checkTask, taskData, taskMetrics } from './task-data';

export interface EvaluateRequest extends Omit<FeatureCacheOptions, 'onProgress'> {
  encoder: Encoder;
  /** Loaded for this encoder (loadProbe(dir, encoder.identity)), all of the dataset's task. */
  probes: readonly LoadedProbe[];
  data: Dataset;
  onProgress?: (done: number, total: number) => void;
}

/** Scores every probe on `data`, with one feature extraction (cached) shared by all of them. */
export async function evaluateProbes(request: EvaluateRequest): Promise<Record<string, Record<string, number>>> {
  const { encoder, probes, data } = request;
  for (const probe of probes) checkTask(data, probe.config.task, 'evaluation');
  const results: Record<string, Record<string, number>> = {};
  if (probes.length === 0) return results;
  // Any probe's labels give the same encoder inputs; labels are re-indexed per probe below.
  const features = await loadOrExtractFeatures(encoder, taskData(data, probes[0].config.labels).source, request);
  try {
    const examples = Int32Array.from({ length: features.count }, (_, i) => i);
    for (const probe of probes) {
      throwIfCancelled(request.signal);
      const { labels } = taskData(data, probe.config.labels);
      const { predicted } = predictExamples(probe.head, features, examples, probe.standardizer);
      results[probe.config.strategy] = taskMetrics(probe.config.task, probe.config.labels, gatherLabels(labels, examples), predicted, labelOffsets(labels, examples));
    }
  } finally {
    features.close();
  }
  return results;
}
