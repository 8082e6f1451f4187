import { Random } from '../random';
import { parseTag } from '../ner/tags';
import { checkCount, shortfallNotice } from './limit';
import type { NerDataset, NerSentence, SentimentDataset } from './types';

/** A subset of a dataset: `indices` into the original items, ascending; `dataset` holds those items. */
export interface Sample<D> {
  dataset: D;
  indices: number[];
}

/**
 * A seeded stratified sample of `size` examples, stratified by label: each label's share of the sample
 * follows its share of the file (see stratifiedOrder), and every label is present once size >= the number of
 * labels. Samples are nested: with the same data and seed, the sample of 50 is contained in the sample of
 * 100. A size larger than the file takes everything and adds a notice to `dataset.notices`.
 */
export function sampleSentiment(dataset: SentimentDataset, size: number, seed: number): Sample<SentimentDataset> {
  checkCount(size, 'The sample size');
  const order = stratifiedOrder(
    dataset.examples.map((example) => example.label),
    seed,
  );
  const indices = prefixOf(order, size);
  return {
    indices,
    dataset: {
      ...dataset,
      examples: indices.map((i) => dataset.examples[i]),
      notices: withShortfall(dataset.notices, dataset.file, size, order.length, 'examples'),
    },
  };
}

/**
 * A seeded stratified sample of `size` sentences in which every entity type is represented. The rule:
 * 1. Types are ranked rarest first (by how many sentences contain them). In a seeded shuffle of the
 *    sentences, the first sentence containing the rarest type not yet covered is taken, until all types are
 *    covered; at most one sentence per type, so any size >= the number of types covers every type.
 * 2. The other sentences are stratified by their rarest type ("no entity" being a stratum of its own), as
 *    sampleSentiment stratifies by label, counting the sentences of step 1 in their strata.
 * Samples are nested for growing sizes with the same seed; a size larger than the file takes everything.
 */
export function sampleNer(dataset: NerDataset, size: number, seed: number): Sample<NerDataset> {
  checkCount(size, 'The sample size');
  const typesPerSentence = dataset.sentences.map(typesOf);
  const sentencesWithType = new Map<string, number>();
  for (const types of typesPerSentence) {
    for (const type of types) sentencesWithType.set(type, (sentencesWithType.get(type) ?? 0) + 1);
  }
  const byRarity = [...sentencesWithType.keys()].sort(
    (a, b) => (sentencesWithType.get(a) ?? 0) - (sentencesWithType.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  // '' (never an entity type) is the stratum of sentences without entities.
  const rarestType = (types: Set<string>): string => byRarity.find((type) => types.has(type)) ?? '';

  // A stream of its own (seed mixed with a constant), independent of the within-stratum shuffles.
  const shuffled = new Random(seed ^ 0x5bd1e995).shuffle(dataset.sentences.map((_, i) => i));
  const covered = new Set<string>();
  const leaders: number[] = [];
  for (const type of byRarity) {
    if (covered.has(type)) continue;
    // Every ranked type occurs in some sentence, so the search always succeeds.
    const leader = shuffled.findIndex((i) => typesPerSentence[i].has(type));
    leaders.push(shuffled[leader]);
    for (const other of typesPerSentence[shuffled[leader]]) covered.add(other);
  }

  const order = stratifiedOrder(typesPerSentence.map(rarestType), seed, leaders);
  const indices = prefixOf(order, size);
  const sentences = indices.map((i) => dataset.sentences[i]);
  return {
    indices,
    dataset: {
      ...dataset,
      sentences,
      entityTypes: [...new Set(sentences.flatMap((sentence) => [...typesOf(sentence)]))].sort(),
      notices: withShortfall(dataset.notices, dataset.file, size, order.length, 'sentences'),
    },
  };
}

/**
 * An order of the items 0..n-1 in which every prefix is a stratified sample: `leaders` first, then at each
 * step the stratum furthest below its share takes its next item (a divisor apportionment, Sainte-Laguë, with
 * every stratum's first seat coming before any second seat). Items within a stratum come in a seeded shuffle.
 * Because the order does not depend on the sample size, samples of growing sizes are nested.
 */
export function stratifiedOrder(strata: readonly string[], seed: number, leaders: readonly number[] = []): number[] {
  const random = new Random(seed);
  const members = new Map<string, number[]>();
  for (const key of [...new Set(strata)].sort()) members.set(key, []);
  strata.forEach((key, i) => members.get(key)?.push(i));
  const isLeader = new Set(leaders);
  const queues = [...members.values()].map((items) => ({
    size: items.length,
    taken: items.filter((i) => isLeader.has(i)).length,
    pending: random.shuffle(items).filter((i) => !isLeader.has(i)),
    next: 0,
  }));

  const order = [...leaders];
  for (;;) {
    let best: (typeof queues)[number] | undefined;
    let bestPriority = -1;
    for (const queue of queues) {
      if (queue.next === queue.pending.length) continue;
      const priority = queue.taken === 0 ? Infinity : queue.size / (queue.taken + 0.5);
      if (priority > bestPriority) {
        best = queue;
        bestPriority = priority;
      }
    }
    if (!best) return order;
    order.push(best.pending[best.next++]);
    best.taken++;
  }
}

function typesOf(sentence: NerSentence): Set<string> {
  const types = new Set<string>();
  for (const tag of sentence.tags) {
    const type = parseTag(tag)?.type;
    if (type) types.add(type);
  }
  return types;
}

function prefixOf(order: readonly number[], size: number): number[] {
  return order.slice(0, size).sort((a, b) => a - b);
}

function withShortfall(notices: string[], file: string, size: number, available: number, unit: string): string[] {
  return size > available ? [...notices, shortfallNotice(file, size, available, unit, 'the sample size')] : notices;
}
