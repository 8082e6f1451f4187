import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StandardizerFitter } from '../../../src/core/heads/standardizer';
import { Random } from '../../../src/core/random';
import type { FeatureSet } from '../../../src/core/train/features/features';
import { PreparedInputs } from '../../../src/core/train/features/prepared-inputs';
import { memoryFeatures } from './memory-features';

const HIDDEN = 5;
const LAYERS = 3;

/** Example i has 1–4 rows per layer of values with a per-layer offset and scale, so standardising matters. */
function features(count: number, seed: number): FeatureSet {
  const random = new Random(seed);
  const rowCounts = Int32Array.from({ length: count }, () => 1 + random.int(4));
  const data = Array.from(rowCounts, (n) => Float32Array.from({ length: LAYERS * n * HIDDEN }, (_, i) => 3 * Math.floor(i / (n * HIDDEN)) + (1 + (i % HIDDEN)) * random.normal()));
  return memoryFeatures('word-layers', HIDDEN, LAYERS, rowCounts, data);
}

test('prepared rows are exactly the read rows standardised with the fit on the training examples, packed or not', () => {
  const set = features(40, 1);
  const train = Int32Array.from({ length: 30 }, (_, i) => i + 10);
  const dev = Int32Array.from({ length: 10 }, (_, i) => i);
  const fitter = new StandardizerFitter(LAYERS, HIDDEN);
  fitter.add(set.read(train).layers);
  const expected = fitter.fit();
  for (const budget of [undefined, 0]) {
    const inputs = new PreparedInputs({ features: set, examples: train }, { features: set, examples: dev }, budget);
    const standardizer = inputs.standardizer([0, 2]);
    for (const l of [0, 2]) {
      assert.deepEqual(standardizer.mean[l], expected.mean[l]);
      assert.deepEqual(standardizer.scale[l], expected.scale[l]);
    }
    assert.deepEqual([...standardizer.scale[1]], new Array(HIDDEN).fill(1), 'a layer not asked for stays as it is');
    const order = [12, 39, 10, 25];
    const raw = set.read(order, [2, 0]);
    raw.layers.forEach((rows, k) => standardizer.apply([2, 0][k], rows));
    assert.deepEqual(inputs.readTrain(order, [2, 0]), raw);
    const devRaw = set.read([3, 1], [1]);
    inputs.standardizer([1]).apply(1, devRaw.layers[0]);
    assert.deepEqual(inputs.readDev([3, 1], [1]), devRaw);
    assert.throws(() => inputs.readTrain([2], [0]), /not in this set/);
  }
});
