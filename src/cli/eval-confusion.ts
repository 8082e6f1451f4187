import type { SentimentDataset } from '../core/data/types';
import type { Encoder } from '../core/encoders/types';
import type { LoadedProbe } from '../core/heads/probe/store';
import { gatherLabels, predictExamples } from '../core/train/batches';
import { loadOrExtractFeatures } from '../core/train/features/feature-cache';
import { confusionTable, type ConfusionTable } from '../core/train/metrics/metrics';
import { taskData } from '../core/train/task-data';

/**
 * Each sentiment probe's confusion table on `data`. evaluateProbes has just cached these features, so this
 * reads them back instead of running the encoder again.
 */
export async function sentimentConfusion(
  encoder: Encoder,
  probes: readonly LoadedProbe[],
  data: SentimentDataset,
  cacheDir: string,
  signal: AbortSignal,
): Promise<Map<string, ConfusionTable>> {
  const tables = new Map<string, ConfusionTable>();
  if (probes.length === 0) return tables;
  const features = await loadOrExtractFeatures(encoder, taskData(data, probes[0].config.labels).source, { cacheDir, signal });
  try {
    const examples = Int32Array.from({ length: features.count }, (_, i) => i);
    for (const probe of probes) {
      const { labels } = taskData(data, probe.config.labels);
      const { predicted } = predictExamples(probe.head, features, examples, probe.standardizer);
      tables.set(probe.config.strategy, confusionTable(gatherLabels(labels, examples), predicted, probe.config.labels));
    }
  } finally {
    features.close();
  }
  return tables;
}
