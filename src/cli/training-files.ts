import { readDataset, sampleDataset, type Task } from '../core/data/read-dataset';
import type { Dataset } from '../core/data/types';

/** The seed of sampling and initialisation when none is given (the extension's default too). */
export const DEFAULT_SEED = 13;

export interface TrainingData {
  train: Dataset;
  dev?: Dataset;
  /** Things to tell the user: a limit larger than a file, ... */
  notices: string[];
}

export interface TrainingFileOptions {
  /** Read only the first N examples (sentences) of each file. */
  limit?: number;
  /** Then a stratified sample of N training examples (sentences), seeded. */
  fewShot?: number;
  seed: number;
}

export function itemCount(dataset: Dataset): number {
  return dataset.task === 'ner' ? dataset.sentences.length : dataset.examples.length;
}

/**
 * The training (and dev) data of `probe-lens train`. Both files are read before any model loads, so a
 * missing or malformed file fails in a second, not after the encoder has started.
 */
export async function readTrainingFiles(
  task: Task,
  trainFile: string,
  devFile: string | undefined,
  options: TrainingFileOptions,
): Promise<TrainingData> {
  let train = await readDataset(trainFile, task, { limit: options.limit });
  if (options.fewShot !== undefined) train = sampleDataset(train, options.fewShot, options.seed).dataset;
  const dev = devFile === undefined ? undefined : await readDataset(devFile, task, { limit: options.limit });
  return { train, ...(dev ? { dev } : {}), notices: [...train.notices, ...(dev?.notices ?? [])] };
}
