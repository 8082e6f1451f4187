import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupIntoBatches } from '../../../src/core/encoders/encode/batch';
import type { Sequence } from '../../../src/core/encoders/encode/sequences';

const sequence = (text: number, length: number): Sequence => ({ text, ids: Array.from({ length }, (_, i) => i), targets: new Int32Array(0) });
const lengths = (batches: Sequence[][]) => batches.map((batch) => batch.map((s) => s.ids.length));

test('batches hold at most batchSize sequences, longest first', () => {
  const sequences = [3, 9, 5, 7, 1].map((length, i) => sequence(i, length));
  assert.deepEqual(lengths(groupIntoBatches(sequences, 2)), [[9, 7], [5, 3], [1]]);
});

test('the padded-token budget cuts batches of long sequences, not of short ones', () => {
  const sequences = [...[512, 512, 512].map((l, i) => sequence(i, l)), ...Array.from({ length: 6 }, (_, i) => sequence(10 + i, 20))];
  // Two 512-token windows pad to 1,024 tokens and fit 1,100; a third would not. Short sentences share a batch.
  assert.deepEqual(lengths(groupIntoBatches(sequences, 16, 1100)), [[512, 512], [512, 20], [20, 20, 20, 20, 20]]);
  // Without a budget only the sequence count limits a batch.
  assert.deepEqual(lengths(groupIntoBatches(sequences, 16)), [[512, 512, 512, 20, 20, 20, 20, 20, 20]]);
});

test('a sequence longer than the budget still gets a batch of its own', () => {
  assert.deepEqual(lengths(groupIntoBatches([sequence(0, 600), sequence(1, 10)], 16, 500)), [[600], [10]]);
});
