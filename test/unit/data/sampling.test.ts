import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { readConllFile } from '../../../src/core/data/conll-reader';
import { sampleNer, sampleSentiment, stratifiedOrder } from '../../../src/core/data/sampling';
import { readSentimentFile } from '../../../src/core/data/sentiment-reader';
import type { NerDataset, SentimentDataset } from '../../../src/core/data/types';
import { ProbeLensError } from '../../../src/core/errors';
import { DATA_DIR } from '../../shared-path';

const isSubset = (small: number[], large: number[]) => {
  const set = new Set(large);
  return small.every((i) => set.has(i));
};

describe('stratifiedOrder', () => {
  it('is a permutation that starts with the leaders and depends only on the seed', () => {
    const strata = ['a', 'b', 'a', 'c', 'a', 'b', 'a', 'a'];
    const order = stratifiedOrder(strata, 7, [5]);
    assert.deepEqual([...order].sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.equal(order[0], 5);
    assert.deepEqual(stratifiedOrder(strata, 7, [5]), order);
  });

  it('gives every stratum its first item before any stratum gets its third', () => {
    const strata = [...Array(90).fill('big'), ...Array(9).fill('mid'), 'rare'];
    const firstThree = stratifiedOrder(strata, 1).slice(0, 3).map((i) => strata[i]);
    assert.deepEqual(firstThree.sort(), ['big', 'mid', 'rare']);
  });

  it('keeps every prefix close to proportional for two strata', () => {
    const strata = [...Array(300).fill('x'), ...Array(700).fill('y')];
    const order = stratifiedOrder(strata, 3);
    let x = 0;
    order.forEach((item, n) => {
      if (strata[item] === 'x') x++;
      assert.ok(Math.abs(x - 0.3 * (n + 1)) <= 1, `prefix ${n + 1} has ${x} x`);
    });
  });
});

describe('sampleSentiment on SST-2 train', () => {
  let train: SentimentDataset;
  before(async () => {
    train = await readSentimentFile(path.join(DATA_DIR, 'sst2', 'train.tsv'));
  });

  it('is nested for growing sizes with the same seed', () => {
    const sizes = [16, 50, 100, 1000];
    const samples = sizes.map((size) => sampleSentiment(train, size, 42).indices);
    samples.forEach((indices, k) => assert.equal(indices.length, sizes[k]));
    for (let k = 1; k < samples.length; k++) assert.ok(isSubset(samples[k - 1], samples[k]), `${sizes[k - 1]} within ${sizes[k]}`);
  });

  it('follows the label proportions of the file', () => {
    const positiveShare = train.examples.filter((e) => e.label === '1').length / train.examples.length;
    for (const size of [10, 101, 1000]) {
      const positives = sampleSentiment(train, size, 5).dataset.examples.filter((e) => e.label === '1').length;
      assert.ok(Math.abs(positives - positiveShare * size) <= 1, `${positives} positives of ${size}`);
    }
  });

  it('is deterministic for a seed, differs across seeds, and keeps the file order', () => {
    const a = sampleSentiment(train, 200, 1);
    assert.deepEqual(sampleSentiment(train, 200, 1).indices, a.indices);
    assert.notDeepEqual(sampleSentiment(train, 200, 2).indices, a.indices);
    assert.deepEqual(a.indices, [...a.indices].sort((x, y) => x - y));
    assert.deepEqual(a.dataset.examples, a.indices.map((i) => train.examples[i]));
  });

  it('caps a size larger than the dataset, with a notice for the caller', () => {
    const small = { ...train, examples: train.examples.slice(0, 30) };
    const sample = sampleSentiment(small, 100, 1);
    assert.equal(sample.dataset.examples.length, 30);
    assert.match(sample.dataset.notices.at(-1)!, /the sample size 100 is more than the 30 examples available; using all 30/);
    assert.deepEqual(sampleSentiment(small, 30, 1).dataset.notices, []);
  });

  it('rejects a size that is not a positive whole number', () => {
    assert.throws(() => sampleSentiment(train, 0, 1), (e: unknown) => e instanceof ProbeLensError && e.code === 'bad-input');
  });
});

describe('sampleNer on CoNLL-2003 eng.train', () => {
  let train: NerDataset;
  before(async () => {
    train = await readConllFile(path.join(DATA_DIR, 'conll2003', 'eng.train'));
  });

  it('represents every entity type once the size reaches the number of types, for any seed', () => {
    for (let seed = 0; seed < 20; seed++) {
      const sample = sampleNer(train, train.entityTypes.length, seed);
      assert.deepEqual(sample.dataset.entityTypes, train.entityTypes, `seed ${seed}`);
    }
  });

  it('is nested for growing sizes with the same seed', () => {
    const sizes = [4, 10, 50, 100, 500];
    const samples = sizes.map((size) => sampleNer(train, size, 9).indices);
    for (let k = 1; k < samples.length; k++) assert.ok(isSubset(samples[k - 1], samples[k]));
  });

  it('keeps sentences without entities in proportion', () => {
    const hasEntity = (tags: string[]) => tags.some((tag) => tag !== 'O');
    const share = train.sentences.filter((s) => !hasEntity(s.tags)).length / train.sentences.length;
    const sample = sampleNer(train, 500, 3).dataset.sentences;
    const without = sample.filter((s) => !hasEntity(s.tags)).length;
    assert.ok(Math.abs(without - share * 500) <= 2, `${without} of 500 without entities, expected about ${share * 500}`);
  });

  it('covers every type with one sentence per uncovered type, rarest first', () => {
    const sentence = (tags: string[], line: number) => ({ words: tags.map(() => 'w'), tags, line });
    const dataset: NerDataset = {
      ...train,
      sentences: [
        sentence(['O'], 1),
        sentence(['B-A', 'O', 'B-B'], 3),
        sentence(['B-A'], 5),
        sentence(['B-A'], 7),
        sentence(['B-C'], 9),
        sentence(['B-C'], 11),
        sentence(['O', 'O'], 13),
      ],
      entityTypes: ['A', 'B', 'C'],
    };
    // B (the rarest) is only in the sentence that also has A, so two sentences (B's, then one of C's) cover all.
    for (let seed = 0; seed < 10; seed++) assert.deepEqual(sampleNer(dataset, 2, seed).dataset.entityTypes, ['A', 'B', 'C']);
  });
});
