import { ProbeLensError } from '../errors';
import { bioLabels } from '../ner/tags';
import { dataError } from './data-error';
import type { Dataset, NerDataset, SentimentDataset } from './types';

/**
 * The label list of a sentiment training set: its distinct labels, sorted — numerically when every label is
 * an integer ("2" before "10"), else by code unit. A head's output index i means labels[i].
 */
export function labelList(dataset: SentimentDataset): string[] {
  const distinct = [...new Set(dataset.examples.map((example) => example.label))];
  const numeric = distinct.every((label) => /^-?\d+$/.test(label));
  return numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
}

/**
 * The raw value each of `labels` (from labelList) was read as, where label names replaced raw labels (SST-2's
 * "0"/"1" read as negative/positive): saved with a probe, so data labelled either way can be scored. Undefined
 * when no label was renamed. A name given to several raw values keeps the name (no single raw value).
 */
export function rawLabelsOf(dataset: SentimentDataset, labels: readonly string[]): string[] | undefined {
  const raws = new Map<string, Set<string>>();
  for (const { label, raw } of dataset.examples) raws.set(label, (raws.get(label) ?? new Set()).add(raw ?? label));
  const rawLabels = labels.map((label) => {
    const values = raws.get(label);
    return values?.size === 1 ? [...values][0] : label;
  });
  return rawLabels.some((raw, i) => raw !== labels[i]) ? rawLabels : undefined;
}

/**
 * The dataset with every raw label that `rawLabels` knows replaced by its name in `labels` (the same order),
 * so a file labelled 0/1 scores a probe trained on negative/positive, and the other way round. Labels already
 * in `labels`, and NER data, are left as they are.
 */
export function withLabelNames<D extends Dataset>(dataset: D, labels: readonly string[], rawLabels: readonly string[] | undefined): D {
  if (dataset.task !== 'sentiment' || rawLabels === undefined) return dataset;
  const known = new Set(labels);
  const names = new Map(rawLabels.map((raw, i) => [raw, labels[i]]));
  const examples = dataset.examples.map((example) => {
    const name = names.get(example.label);
    return known.has(example.label) || name === undefined ? example : { ...example, label: name, raw: example.label };
  });
  return { ...dataset, examples };
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
