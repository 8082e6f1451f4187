import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProbeLensError } from '../../../src/core/errors';
import { accuracy, confusionTable, macroF1, renderConfusionTable } from '../../../src/core/train/metrics/metrics';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

describe('accuracy and macroF1', () => {
  // By hand: label 0 tp 1, gold 2, predicted 2 -> F1 1/2; label 1 tp 2, gold 2, predicted 3 -> 4/5; label 2 -> 0.
  const gold = [0, 0, 1, 1, 2];
  const predicted = [0, 1, 1, 1, 0];

  it('computes accuracy', () => {
    close(accuracy(gold, predicted), 3 / 5);
    close(accuracy(new Int32Array([1, 1]), new Int32Array([1, 1])), 1);
  });

  it('averages per-label F1 without weights', () => {
    close(macroF1(gold, predicted), (1 / 2 + 4 / 5 + 0) / 3);
  });

  it('averages over labels in gold or predicted (as scikit-learn does)', () => {
    close(macroF1([0, 0], [0, 1]), (2 / 3 + 0) / 2);
    close(macroF1([3, 3], [3, 3]), 1);
  });

  it('rejects mismatched or empty inputs', () => {
    assert.throws(() => accuracy([1], [1, 0]), (e: unknown) => e instanceof ProbeLensError && /1 gold labels/.test(e.message));
    assert.throws(() => macroF1([], []), /empty/);
  });
});

describe('confusion table', () => {
  const table = confusionTable([0, 0, 1, 1, 2, 1], [0, 1, 1, 1, 0, 2], ['negative', 'positive', 'neutral']);

  it('counts gold rows against predicted columns', () => {
    assert.deepEqual(table.counts, [
      [1, 1, 0],
      [0, 2, 1],
      [1, 0, 0],
    ]);
  });

  it('renders aligned plain text', () => {
    assert.equal(
      renderConfusionTable(table),
      [
        'gold \\ predicted  negative  positive  neutral',
        'negative                 1         1        0',
        'positive                 0         2        1',
        'neutral                  1         0        0',
      ].join('\n'),
    );
  });

  it('rejects an index outside the labels', () => {
    assert.throws(() => confusionTable([0, 2], [0, 0], ['a', 'b']), /out of range at example 1/);
  });
});
