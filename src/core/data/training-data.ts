import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProbeLensError } from '../errors';
import { checkSeed } from '../random';
import { DEFAULT_DATASETS, type DefaultDatasetName } from './catalogue';
import { dataError } from './data-error';
import { datasetCacheDir, ensureDataset } from './download';
import { readDataset, sampleDataset, type Task } from './read-dataset';
import { exampleCount, subsetOf } from './subset';
import type { Dataset } from './types';

/** The public dataset each task trains on when the user gives no files (the extension may pick WNUT-17 for NER). */
export const DEFAULT_DATASET_FOR: Readonly<Record<Task, DefaultDatasetName>> = { sentiment: 'sst2', ner: 'conll2003' };

/** Share of the training file held out as dev when no dev file is given. */
export const HELD_OUT_SHARE = 0.1;

/**
 * Where a task's training data comes from; the CLI and the extension's worker each build one from their
 * options or settings. `labelNames` (sentiment) name raw labels as they are read, over a default dataset's own
 * names (SST-2's 0/1 are negative/positive).
 */
export type TrainingSource =
  /** Local files; without `dev`, a share of `train` is held out as dev. */
  | { kind: 'files'; train: string; dev?: string; labelNames?: Readonly<Record<string, string>> }
  /**
   * A default public dataset: from `dataDir` (a folder in the download cache's layout) when given, else from
   * the cache, downloaded first when missing (from `baseUrl`, a mirror in that layout, when given).
   */
  | { kind: 'default'; dataset: DefaultDatasetName; dataDir?: string; baseUrl?: string; labelNames?: Readonly<Record<string, string>> };

export interface TrainingDataOptions {
  /** Read only the first N examples (sentences) of each file. */
  limit?: number;
  /** Train on a stratified sample of N examples (sentences). */
  fewShot?: number;
  /** Score on at most N dev examples (a stratified sample of a larger dev split). */
  devSize?: number;
  /** Seed of the held-out split and the samples. */
  seed: number;
  /** Probe Lens' cache folder: default datasets are downloaded into its datasets/ folder. */
  cacheDir?: string;
  offline: boolean;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export interface TrainingData {
  train: Dataset;
  /** A dev file, or the share of the training file held out (its `file` then says so). */
  dev: Dataset;
  /** What the data is, for messages: a default dataset's title, or the training file. */
  title: string;
  /** Things to tell the user: a limit or sample size larger than the data, ... */
  notices: string[];
  /** Set when this call downloaded a default dataset: its title and licence, to show the user. */
  downloaded?: { title: string; licence: string };
}

const megabytes = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

/**
 * The training data of a task, whoever asks: the files are read (with --limit), dev is the dev file or a
 * seeded, stratified share of the training file held out BEFORE the few-shot sample is drawn (so a sample of
 * 10 trains on 10), then train is sampled to `fewShot` and dev to at most `devSize`. Default datasets come
 * from a data folder or the cache, downloaded first when missing and online.
 */
export async function prepareTrainingData(task: Task, source: TrainingSource, options: TrainingDataOptions): Promise<TrainingData> {
  checkSeed(options.seed);
  const files = await sourceFiles(source, options);
  options.onProgress?.(`Reading ${files.title}`);
  const readOptions = { limit: options.limit, ...(task === 'sentiment' ? { labelNames: labelNamesOf(source) } : {}) };
  const read = await readDataset(files.train, task, readOptions);
  let { train, dev } = files.dev === undefined ? holdOutDev(read, options.seed) : { train: read, dev: await readDataset(files.dev, task, readOptions) };
  if (options.fewShot !== undefined) train = sampleDataset(train, options.fewShot, options.seed).dataset;
  if (options.devSize !== undefined && exampleCount(dev) > options.devSize) dev = sampleDataset(dev, options.devSize, options.seed).dataset;
  return {
    train,
    dev,
    title: files.title,
    notices: [...train.notices, ...dev.notices],
    ...(files.downloaded ? { downloaded: files.downloaded } : {}),
  };
}

/** The names sentiment labels get as they are read: a default dataset's own, with the source's on top. */
export function labelNamesOf(source: TrainingSource): Record<string, string> {
  const datasetNames = source.kind === 'default' ? DEFAULT_DATASETS[source.dataset].labelNames : undefined;
  return { ...datasetNames, ...source.labelNames };
}

interface SourceFiles {
  train: string;
  dev?: string;
  title: string;
  downloaded?: { title: string; licence: string };
}

async function sourceFiles(source: TrainingSource, options: TrainingDataOptions): Promise<SourceFiles> {
  if (source.kind === 'files') return { train: source.train, ...(source.dev !== undefined ? { dev: source.dev } : {}), title: source.train };
  const spec = DEFAULT_DATASETS[source.dataset];
  if (source.dataDir !== undefined) {
    const dataDir = path.resolve(source.dataDir);
    const [train, dev] = spec.files.map((file) => path.join(dataDir, ...file.path.split('/')));
    const missing = spec.files.filter((file) => !fs.existsSync(path.join(dataDir, ...file.path.split('/'))));
    if (missing.length > 0) {
      const layout = Object.values(DEFAULT_DATASET_FOR).flatMap((name) => DEFAULT_DATASETS[name].files.map((file) => file.path));
      throw new ProbeLensError(
        `The data folder ${dataDir} has no ${missing.map((file) => file.path).join(' or ')}. It must hold the default ` +
          `datasets in the layout of the download cache (${layout.join(', ')}).`,
        'data',
      );
    }
    return { train, dev, title: spec.title };
  }
  const files = await ensureDataset(source.dataset, {
    cacheDir: datasetCacheDir(options.cacheDir),
    baseUrl: source.baseUrl,
    offline: options.offline,
    signal: options.signal,
    onProgress: ({ file, receivedBytes, totalBytes }) =>
      options.onProgress?.(`Downloading ${spec.title} (${file}): ${megabytes(receivedBytes)}${totalBytes ? ` of ${megabytes(totalBytes)}` : ''} MB`),
  });
  const downloaded = files.downloaded.length > 0 ? { title: spec.title, licence: spec.licence } : undefined;
  return { train: files.train, dev: files.dev, title: spec.title, ...(downloaded ? { downloaded } : {}) };
}

/**
 * Splits a training file into train and dev: a seeded, stratified HELD_OUT_SHARE of it (at least one item,
 * never all) becomes dev, whose `file` says where it came from (messages about its lines still point into the
 * training file).
 */
function holdOutDev(dataset: Dataset, seed: number): { train: Dataset; dev: Dataset } {
  const count = exampleCount(dataset);
  const unit = dataset.task === 'ner' ? 'sentence' : 'example';
  if (count < 2) throw dataError(dataset.file, undefined, `one ${unit} cannot be split into train and dev; give a dev file too.`);
  const devCount = Math.min(count - 1, Math.max(1, Math.round(count * HELD_OUT_SHARE)));
  // A stream of its own (seed mixed with a constant), independent of the few-shot sample drawn next.
  const { indices } = sampleDataset(dataset, devCount, seed ^ 0x2545f491);
  const inDev = new Set(indices);
  const rest = Array.from({ length: count }, (_, i) => i).filter((i) => !inDev.has(i));
  const dev = subsetOf(dataset, indices);
  const share = `${Math.round(HELD_OUT_SHARE * 100)}%`;
  return { train: subsetOf(dataset, rest), dev: { ...dev, file: `${dataset.file} (${share} held out, seed ${seed})`, notices: [] } };
}
