import { DEFAULT_DATASETS } from '../core/data/catalogue';
import { datasetCacheDir, ensureDataset } from '../core/data/download';
import { readDataset, sampleDataset } from '../core/data/read-dataset';
import type { Dataset } from '../core/data/types';
import type { TrainingSource, TrainTask } from '../protocol/worker';

export interface PreparedData {
  train: Dataset;
  dev?: Dataset;
  notices: string[];
  /** Set when this call downloaded a default dataset. */
  downloaded?: { title: string; licence: string };
}

export interface PrepareOptions {
  cacheDir: string;
  offline: boolean;
  fewShotSize: number;
  seed: number;
  signal: AbortSignal;
  onProgress: (message: string) => void;
}

const megabytes = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

/**
 * Reads a task's training data: the configured files, or a default dataset from the cache (downloaded first
 * when missing and online); sentiment labels get their names (SST-2's "1" becomes "positive"). Train is
 * sampled to the few-shot size (stratified, seeded); dev only when it is larger, so a dev file smaller than
 * the sample is used whole without a notice.
 */
export async function prepareTrainingData(task: TrainTask, source: TrainingSource, options: PrepareOptions): Promise<PreparedData> {
  let trainFile: string;
  let devFile: string | undefined;
  let downloaded: PreparedData['downloaded'];
  if (source.kind === 'files') {
    trainFile = source.train;
    devFile = source.dev;
  } else {
    const spec = DEFAULT_DATASETS[source.dataset];
    const files = await ensureDataset(source.dataset, {
      cacheDir: datasetCacheDir(options.cacheDir),
      baseUrl: source.baseUrl,
      offline: options.offline,
      signal: options.signal,
      onProgress: ({ file, receivedBytes, totalBytes }) =>
        options.onProgress(
          `Downloading ${spec.title} (${file}): ${megabytes(receivedBytes)}${totalBytes ? ` of ${megabytes(totalBytes)}` : ''} MB`,
        ),
    });
    trainFile = files.train;
    devFile = files.dev;
    if (files.downloaded.length > 0) downloaded = { title: spec.title, licence: spec.licence };
  }
  options.onProgress(`Reading ${task === 'ner' ? 'NER' : 'sentiment'} data`);
  const readOptions = task === 'sentiment' ? { labelNames: sentimentLabelNames(source) } : {};
  const train = sampleDataset(await readDataset(trainFile, task, readOptions), options.fewShotSize, options.seed).dataset;
  let dev = devFile === undefined ? undefined : await readDataset(devFile, task, readOptions);
  if (dev && itemCount(dev) > options.fewShotSize) dev = sampleDataset(dev, options.fewShotSize, options.seed).dataset;
  const notices = [...train.notices, ...(dev?.notices ?? [])];
  return { train, ...(dev ? { dev } : {}), notices, ...(downloaded ? { downloaded } : {}) };
}

/** The names sentiment labels get as they are read: the default dataset's own, with the user's on top. */
export function sentimentLabelNames(source: TrainingSource): Record<string, string> {
  const datasetNames = source.kind === 'default' ? DEFAULT_DATASETS[source.dataset].labelNames : undefined;
  return { ...datasetNames, ...source.labelNames };
}

function itemCount(dataset: Dataset): number {
  return dataset.task === 'ner' ? dataset.sentences.length : dataset.examples.length;
}
