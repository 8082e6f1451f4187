import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_DATASETS, type DefaultDatasetName } from '../core/data/catalogue';
import { datasetCacheDir, ensureDataset } from '../core/data/download';
import { readDataset, sampleDataset } from '../core/data/read-dataset';
import type { Dataset } from '../core/data/types';
import { ProbeLensError } from '../core/errors';
import { type Task } from '../core/task';
import { itemCount, type TrainingData } from './training-files';

/** The public dataset each task trains on when the user gives no files. */
export const DEFAULT_DATASET_FOR: Readonly<Record<Task, DefaultDatasetName>> = { sentiment: 'sst2', ner: 'conll2003' };

export interface DefaultDataOptions {
  /**
   * A folder in the layout of the download cache (sst2/train.tsv, sst2/dev.tsv, conll2003/eng.train,
   * conll2003/eng.testa): used instead of downloading.
   */
  dataDir?: string;
  /** Probe Lens' cache folder (--cache-dir); downloads go to its datasets/ folder. */
  cacheDir?: string;
  offline: boolean;
  /** Training examples (sentences) sampled, stratified; dev is sampled to the same size when larger. */
  sampleSize: number;
  seed: number;
  signal: AbortSignal;
  onProgress: (message: string) => void;
}

export interface DefaultTrainingData extends TrainingData {
  dev: Dataset;
  /** e.g. "SST-2 (GLUE)". */
  title: string;
  /** Set when this call downloaded the dataset: its licence, to show the user. */
  downloadedLicence?: string;
}

const megabytes = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

/** Train and dev files of the task's default dataset: from --data-dir, else the cache (downloaded when missing). */
async function datasetFiles(name: DefaultDatasetName, options: DefaultDataOptions): Promise<{ train: string; dev: string; downloaded: boolean }> {
  const spec = DEFAULT_DATASETS[name];
  if (options.dataDir !== undefined) {
    const dataDir = path.resolve(options.dataDir);
    const local = spec.files.map((file) => path.join(dataDir, ...file.path.split('/')));
    const missing = spec.files.filter((_, i) => !fs.existsSync(local[i]));
    if (missing.length > 0) {
      const layout = Object.values(DEFAULT_DATASET_FOR).flatMap((n) => DEFAULT_DATASETS[n].files.map((file) => file.path));
      throw new ProbeLensError(
        `The data folder ${dataDir} has no ${missing.map((file) => file.path).join(' or ')}. It must hold the ` +
          `default datasets in the layout of the download cache (${layout.join(', ')}); leave out --data-dir to ` +
          'download them.',
        'data',
      );
    }
    return { train: local[0], dev: local[1], downloaded: false };
  }
  const files = await ensureDataset(name, {
    cacheDir: datasetCacheDir(options.cacheDir),
    offline: options.offline,
    signal: options.signal,
    onProgress: ({ file, receivedBytes, totalBytes }) =>
      options.onProgress(`Downloading ${spec.title} (${file}): ${megabytes(receivedBytes)}${totalBytes ? ` of ${megabytes(totalBytes)}` : ''} MB`),
  });
  return { train: files.train, dev: files.dev, downloaded: files.downloaded.length > 0 };
}

/** A seeded few-shot sample of the task's default dataset, for training probes nobody has trained yet. */
export async function defaultTrainingData(task: Task, options: DefaultDataOptions): Promise<DefaultTrainingData> {
  const name = DEFAULT_DATASET_FOR[task];
  const spec = DEFAULT_DATASETS[name];
  const files = await datasetFiles(name, options);
  options.onProgress(`Reading ${spec.title}`);
  // SST-2's raw labels are 0/1: read them under their names, so probes and results say negative/positive.
  const readOptions = task === 'sentiment' && spec.labelNames ? { labelNames: spec.labelNames } : {};
  const train = sampleDataset(await readDataset(files.train, task, readOptions), options.sampleSize, options.seed).dataset;
  let dev = await readDataset(files.dev, task, readOptions);
  if (itemCount(dev) > options.sampleSize) dev = sampleDataset(dev, options.sampleSize, options.seed).dataset;
  return {
    title: spec.title,
    train,
    dev,
    notices: [...train.notices, ...dev.notices],
    ...(files.downloaded ? { downloadedLicence: spec.licence } : {}),
  };
}
