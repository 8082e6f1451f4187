import { ProbeLensError } from '../errors';
import { bioLabels } from '../ner/tags';
import { dataError } from './data-error';
import type { NerDataset, SentimentDataset } from './types';

/**
 * The label list of a sentiment training set: its distinct labels, sorted — numerically when every label is
 * an integer ("2" before "10"), else by code unit. A head's output index i means labels[i].
 */
export function labelList(dataset: SentimentDataset): string[] {
  const distinct = [...new Set(dataset.examples.map((example) => example.label))];
  const numeric = distinct.every((label) => /^-?\d+$/.test(label));
  return numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
}

/** The tag list of a NER training set: O, then B-/I- of each of its entity types (see bioLabels). */
export function tagList(dataset: NerDataset): string[] {
  return bioLabels(dataset.entityTypes);
}

/**
 * Each example's label as an index into `labels` (from labelList of the training set, or given by the user).
 * A label not in the list — one a dev or eval file has but training did not — is an error naming the label,
 * its line and how many rows have such labels: the head cannot predict it, so scoring would be wrong.
 */
export function labelIndices(dataset: SentimentDataset, labels: readonly string[]): Int32Array {
  const index = indexOf(labels);
  const indices = new Int32Array(dataset.examples.length);
  dataset.examples.forEach((example, i) => {
    const found = index.get(example.label);
    if (found === undefined) {
      const unknown = dataset.examples.filter((other) => !index.has(other.label)).length;
      throw unseenLabel(dataset.file, example.line, `label "${example.label}"`, labels, unknown, 'rows');
    }
    indices[i] = found;
  });
  return indices;
}

/** Each sentence's tags as indices into `labels` (from tagList of the training set); unseen tags as above. */
export function tagIndices(dataset: NerDataset, labels: readonly string[]): Int32Array[] {
  const index = indexOf(labels);
  return dataset.sentences.map((sentence) => {
    const indices = new Int32Array(sentence.tags.length);
    sentence.tags.forEach((tag, w) => {
      const found = index.get(tag);
      if (found === undefined) {
        const unknown = dataset.sentences.flatMap((other) => other.tags.filter((t) => !index.has(t))).length;
        throw unseenLabel(dataset.file, sentence.line + w, `tag "${tag}"`, labels, unknown, 'words');
      }
      indices[w] = found;
    });
    return indices;
  });
}

function indexOf(labels: readonly string[]): Map<string, number> {
  const index = new Map(labels.map((label, i) => [label, i]));
  if (index.size !== labels.length) {
    throw new ProbeLensError(`The label list has duplicates: ${labels.join(', ')}.`, 'bad-input');
  }
  return index;
}

function unseenLabel(file: string, line: number, what: string, labels: readonly string[], count: number, unit: string) {
  return dataError(
    file,
    line,
    `${what} is not among the training labels (${labels.join(', ')}); ${count} ${unit} in this file have labels ` +
      'outside that list. Train on data that has them, or remove them from this file.',
  );
}
