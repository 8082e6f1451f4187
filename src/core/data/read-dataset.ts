import { readConllFile, type ConllReadOptions } from './conll-reader';
import { sampleNer, sampleSentiment, type Sample } from './sampling';
import { readSentimentFile, type SentimentReadOptions } from './sentiment-reader';
import type { Dataset, NerDataset, SentimentDataset } from './types';

export type Task = Dataset['task'];
export type DatasetReadOptions = SentimentReadOptions & ConllReadOptions;

/** Reads a dataset for a task: sentiment files by extension (TSV/CSV/JSONL), NER files as CoNLL columns. */
export function readDataset(file: string, task: 'sentiment', options?: DatasetReadOptions): Promise<SentimentDataset>;
export function readDataset(file: string, task: 'ner', options?: DatasetReadOptions): Promise<NerDataset>;
export function readDataset(file: string, task: Task, options?: DatasetReadOptions): Promise<Dataset>;
export function readDataset(file: string, task: Task, options: DatasetReadOptions = {}): Promise<Dataset> {
  return task === 'ner' ? readConllFile(file, options) : readSentimentFile(file, options);
}

/** A seeded stratified few-shot sample of either kind of dataset (see sampleSentiment, sampleNer). */
export function sampleDataset<D extends Dataset>(dataset: D, size: number, seed: number): Sample<D> {
  // The casts restate what the task tag already says: each sampler returns the kind it was given.
  return (dataset.task === 'ner' ? sampleNer(dataset, size, seed) : sampleSentiment(dataset, size, seed)) as Sample<D>;
}
