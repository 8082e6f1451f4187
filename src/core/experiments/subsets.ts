import { sampleDataset } from '../data/read-dataset';
import { exampleCount } from '../data/subset';
import type { Dataset } from '../data/types';
import type { ResolvedSize } from './sizes';

/** The training examples of every run, drawn so that features are extracted once for all of them. */
export interface TrainingSubsets {
  /** Indices into the training file of every example some run uses, ascending. */
  union: number[];
  /**
   * For each seed, one subset per size (in the order of the sizes): indices into `union`. With one seed the
   * subsets are nested (the 100 contain the 50) and stratified, as sampleDataset draws them.
   */
  bySeed: Map<number, Int32Array[]>;
}

/** The nested stratified subsets of `dataset` for every seed and size. */
export function trainingSubsets(dataset: Dataset, sizes: readonly ResolvedSize[], seeds: readonly number[]): TrainingSubsets {
  const available = exampleCount(dataset);
  const perSeed = seeds.map((seed) =>
    sizes.map(({ used }) => (used >= available ? Array.from({ length: available }, (_, i) => i) : sampleDataset(dataset, used, seed).indices)),
  );
  const union = [...new Set(perSeed.flat(2))].sort((a, b) => a - b);
  const local = new Map(union.map((index, i) => [index, i]));
  const bySeed = new Map(seeds.map((seed, s) => [seed, perSeed[s].map((indices) => Int32Array.from(indices, (index) => local.get(index)!))]));
  return { union, bySeed };
}
