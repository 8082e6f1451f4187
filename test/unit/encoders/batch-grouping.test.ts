import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupIntoBatches } from '../../../src/core/encoders/encode/batch';
import { batchTokenBudget, DEFAULT_BATCH_TOKENS } from '../../../src/core/encoders/encoder';
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

test('the token budget keeps a batch’s hidden states within the same memory for wider and deeper models', () => {
  assert.equal(batchTokenBudget(13, 768), DEFAULT_BATCH_TOKENS, 'bert-base: the default');
  assert.equal(batchTokenBudget(13, 128), DEFAULT_BATCH_TOKENS, 'never more than the default');
  assert.equal(batchTokenBudget(17, 2048), 1174, 'Llama 3.2 1B');
  assert.equal(batchTokenBudget(1, 2048), DEFAULT_BATCH_TOKENS, 'only the last layer fetched');
  assert.ok(batchTokenBudget(33, 4096) * 33 * 4096 * 4 <= batchTokenBudget(13, 768) * 13 * 768 * 4);
});
