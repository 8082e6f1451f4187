import { readDataset, sampleDataset } from '../data/read-dataset';
import type { Dataset } from '../data/types';
import { ProbeLensError } from '../errors';
import { labelsOf, taskData, type TaskData } from '../train/task-data';
import { fileSha256 } from './provenance';
import { type ResolvedSize, resolveSizes, type SizeRequest } from './sizes';
import { exampleCount, subsetOf } from '../data/subset';
import { trainingSubsets, type TrainingSubsets } from './subsets';
import { type ExperimentKind, taskOf, type DatasetRecord } from './types';

/** The seed of the dev samples (--dev-size, the selection set): fixed, so every run is scored on the same sentences. */
export const DEV_SAMPLE_SEED = 0;

export interface ExperimentData {
  labels: string[];
  sizes: ResolvedSize[];
  subsets: TrainingSubsets;
  /** Encoder inputs and labels of the training examples some run uses (subsets index into them). */
  train: TaskData;
  dev: TaskData;
  /** Dev examples (indices into dev) early stopping and the learning curves follow; undefined: all. */
  selection: Int32Array | undefined;
  records: { train: DatasetRecord; dev: DatasetRecord; selection: { examples: number; seed: number } };
  notices: string[];
}

export interface ExperimentDataRequest {
  kind: ExperimentKind;
  trainFile: string;
  devFile: string;
  sizes: readonly SizeRequest[];
  seeds: readonly number[];
  devSize?: number;
  selectionSize?: number;
}

/**
 * Reads both files, maps labels (the training file's label set; a dev label outside it is an error naming the
 * dev file and line, before any encoder runs), resolves the sizes against the training file and draws every
 * seed's nested subsets.
 */
export async function prepareExperimentData(request: ExperimentDataRequest): Promise<ExperimentData> {
  const task = taskOf(request.kind);
  const trainSet = await readDataset(request.trainFile, task);
  const devFileSet = await readDataset(request.devFile, task);
  const labels = labelsOf(trainSet);
  const unit = task === 'ner' ? 'sentences' : 'examples';
  const devCount = exampleCount(devFileSet);
  if (devCount === 0) throw new ProbeLensError(`${request.devFile}: the dev file has no ${unit}.`, 'data');
  const devSet: Dataset = request.devSize !== undefined && request.devSize < devCount ? sampleDataset(devFileSet, request.devSize, DEV_SAMPLE_SEED).dataset : devFileSet;
  const dev = taskData(devSet, labels);

  const resolved = resolveSizes(request.sizes, exampleCount(trainSet), request.trainFile, unit);
  const subsets = trainingSubsets(trainSet, resolved.sizes, request.seeds);
  const train = taskData(subsetOf(trainSet, subsets.union), labels);

  const devUsed = exampleCount(devSet);
  const selection =
    request.selectionSize !== undefined && request.selectionSize < devUsed ? Int32Array.from(sampleDataset(devSet, request.selectionSize, DEV_SAMPLE_SEED).indices) : undefined;
  const [trainHash, devHash] = await Promise.all([fileSha256(request.trainFile), fileSha256(request.devFile)]);
  return {
    labels,
    sizes: resolved.sizes,
    subsets,
    train,
    dev,
    selection,
    records: {
      train: { file: request.trainFile, sha256: trainHash, examples: exampleCount(trainSet), used: subsets.union.length },
      dev: { file: request.devFile, sha256: devHash, examples: devCount, used: devUsed },
      selection: { examples: selection?.length ?? devUsed, seed: DEV_SAMPLE_SEED },
    },
    notices: [...trainSet.notices, ...devFileSet.notices, ...resolved.notices],
  };
}
