import { labelIndices, labelList, tagIndices, tagList } from '../data/labels';
import type { Dataset, NerDataset, SentimentDataset } from '../data/types';
import { ProbeLensError } from '../errors';
import { type Task } from '../task';
import type { ExampleLabels } from './batches';
import type { FeatureSource } from './features/features';
import { accuracy, entityScores, macroF1 } from './metrics/metrics';
import type { DevMetric } from './trainer';

/** What a probe learns from a dataset: encoder inputs, and labels as indices into `labels`. */
export interface TaskData {
  source: FeatureSource;
  labels: ExampleLabels;
}

export function checkTask(dataset: Dataset, task: Task, role: string): void {
  if (dataset.task !== task) throw new ProbeLensError(`${dataset.file}: the ${role} data is ${dataset.task} data, not ${task}.`, 'bad-input');
  const count = dataset.task === 'sentiment' ? dataset.examples.length : dataset.sentences.length;
  if (count === 0) throw new ProbeLensError(`${dataset.file}: the ${role} data has no examples.`, 'data');
}

/** The label list a head trained on `dataset` predicts: sorted labels, or O + B-/I- of each entity type. */
export function labelsOf(dataset: Dataset): string[] {
  const labels = dataset.task === 'sentiment' ? labelList(dataset) : tagList(dataset);
  if (labels.length < 2) {
    const what = dataset.task === 'sentiment' ? `only the label "${labels[0]}"` : 'no entities';
    throw new ProbeLensError(`${dataset.file}: the training data has ${what}; a classifier needs at least two labels.`, 'data');
  }
  return labels;
}

/** Encoder inputs and label indices (an unseen label is a 'data' error naming file and line). */
export function taskData(dataset: Dataset, labels: readonly string[]): TaskData {
  return dataset.task === 'sentiment' ? sentimentData(dataset, labels) : nerData(dataset, labels);
}

function sentimentData(dataset: SentimentDataset, labels: readonly string[]): TaskData {
  return { source: { kind: 'sentence-tokens', texts: dataset.examples.map((e) => e.text) }, labels: labelIndices(dataset, labels) };
}

function nerData(dataset: NerDataset, labels: readonly string[]): TaskData {
  return { source: { kind: 'word-layers', sentences: dataset.sentences.map((s) => s.words) }, labels: tagIndices(dataset, labels) };
}

/** Per-sentence tag strings from aligned label indices. */
function sentencesOf(indices: Int32Array, offsets: Int32Array, labels: readonly string[]): string[][] {
  return Array.from({ length: offsets.length - 1 }, (_, s) => Array.from(indices.subarray(offsets[s], offsets[s + 1]), (i) => labels[i]));
}

/** The score early stopping follows: accuracy for sentiment, micro entity F1 for ner. */
export function devMetricFor(task: Task, labels: readonly string[]): DevMetric {
  if (task === 'sentiment') return (gold, predicted) => accuracy(gold, predicted);
  return (gold, predicted, offsets) => entityScores(sentencesOf(gold, offsets, labels), sentencesOf(predicted, offsets, labels)).micro.f1;
}

/** The scores saved with a probe and printed by eval. */
export function taskMetrics(task: Task, labels: readonly string[], gold: Int32Array, predicted: Int32Array, offsets: Int32Array): Record<string, number> {
  if (task === 'sentiment') return { accuracy: accuracy(gold, predicted), macroF1: macroF1(gold, predicted) };
  const { micro } = entityScores(sentencesOf(gold, offsets, labels), sentencesOf(predicted, offsets, labels));
  return { f1: micro.f1, precision: micro.precision, recall: micro.recall, tagAccuracy: accuracy(gold, predicted) };
}
