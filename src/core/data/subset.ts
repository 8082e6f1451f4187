import type { Dataset } from './types';

/** How many items a dataset has: examples (sentiment) or sentences (NER). */
export function exampleCount(dataset: Dataset): number {
  return dataset.task === 'sentiment' ? dataset.examples.length : dataset.sentences.length;
}

/** The dataset restricted to these examples (indices into it), in that order. */
export function subsetOf<D extends Dataset>(dataset: D, indices: readonly number[]): D {
  // The casts restate what the task tag says: a subset keeps its dataset's kind.
  if (dataset.task === 'sentiment') return { ...dataset, examples: indices.map((i) => dataset.examples[i]) } as D;
  return { ...dataset, sentences: indices.map((i) => dataset.sentences[i]) } as D;
}
