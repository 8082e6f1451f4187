import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProbeLensError } from '../../../src/core/errors';
import { parseSizes, resolveSizes } from '../../../src/core/experiments/sizes';

test('sizes are whole numbers and "all", comma-separated', () => {
  assert.deepEqual(parseSizes('100,500,2000,all'), [100, 500, 2000, 'all']);
  assert.deepEqual(parseSizes(' 50 , ALL '), [50, 'all']);
});

test('anything else is a bad-input error that names the entry', () => {
  for (const bad of ['abc', '10,x', '0', '-5', '1.5', '1e3', '10,,20', '', '100;200']) {
    assert.throws(
      () => parseSizes(bad),
      (error: unknown) => error instanceof ProbeLensError && error.code === 'bad-input' && error.message.includes('--sizes') && error.message.includes('whole numbers'),
      bad,
    );
  }
  assert.throws(() => parseSizes('100,100'), /100 is given twice/);
  assert.throws(() => parseSizes('all,all'), /all is given twice/);
});

test('a size larger than the file is capped with a notice; sizes that coincide run once, smallest first', () => {
  const { sizes, notices } = resolveSizes([2000, 100, 'all', 5000], 1500, 'train.tsv', 'examples');
  assert.deepEqual(sizes, [
    { requested: 100, used: 100 },
    { requested: 2000, used: 1500 },
  ]);
  assert.equal(notices.length, 4);
  assert.match(notices[0], /^train\.tsv: training size 2000 is more than the 1500 examples in the file; using all 1500\.$/);
  assert.match(notices[1], /Training sizes 2000 and all both mean 1500 examples; running it once/);
  assert.match(notices[2], /training size 5000 is more than the 1500/);
  assert.deepEqual(resolveSizes([10, 'all'], 20, 'f', 'sentences').notices, []);
});
