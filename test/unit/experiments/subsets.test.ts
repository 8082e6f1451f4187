import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelList } from '../../../src/core/data/labels';
import { subsetOf } from '../../../src/core/data/subset';
import { trainingSubsets } from '../../../src/core/experiments/subsets';
import { fakeNer, fakeSentiment } from '../train/fake-data';

const sizes = [{ requested: 10, used: 10 }, { requested: 40, used: 40 }, { requested: 'all' as const, used: 100 }];

test("each seed's subsets are nested and index into the union of every example in use", () => {
  const dataset = fakeSentiment(100, 1);
  const { union, bySeed } = trainingSubsets(dataset, sizes, [1, 2, 3]);
  assert.deepEqual(union, Array.from({ length: 100 }, (_, i) => i), 'the full size uses every example');
  for (const seed of [1, 2, 3]) {
    const [small, middle, all] = bySeed.get(seed)!.map((local) => [...local].map((i) => union[i]));
    assert.deepEqual([small.length, middle.length, all.length], [10, 40, 100]);
    assert.ok(small.every((i) => middle.includes(i)), 'the 10 are inside the 40');
    assert.ok(middle.every((i) => all.includes(i)));
  }
  assert.notDeepEqual(bySeed.get(1)![0], bySeed.get(2)![0], 'seeds draw different subsets');
});

test('subsets are stratified by label, and without the full size only the sampled examples are in the union', () => {
  const dataset = fakeSentiment(200, 3);
  const { union, bySeed } = trainingSubsets(dataset, sizes.slice(0, 2), [1, 2]);
  assert.ok(union.length <= 80 && union.length >= 40);
  const share = labelList(dataset).map((label) => dataset.examples.filter((e) => e.label === label).length / 200);
  const subset = subsetOf(dataset, [...bySeed.get(1)![1]].map((i) => union[i]));
  const counts = labelList(dataset).map((label) => subset.examples.filter((e) => e.label === label).length);
  counts.forEach((count, k) => assert.ok(Math.abs(count - 40 * share[k]) <= 1, `label ${k}: ${count} of 40 for a share of ${share[k]}`));
});

test('NER subsets are sentences, with every entity type covered', () => {
  const dataset = fakeNer(60, 4);
  const { union, bySeed } = trainingSubsets(dataset, [{ requested: 5, used: 5 }], [7]);
  const subset = subsetOf(dataset, [...bySeed.get(7)![0]].map((i) => union[i]));
  assert.equal(subset.sentences.length, 5);
  assert.ok(subset.sentences.some((s) => s.tags.includes('B-LOC')));
});
