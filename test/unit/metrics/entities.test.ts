import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entityScores } from '../../../src/core/train/metrics/metrics';

const close = (actual: number, expected: number, what = '') => assert.ok(Math.abs(actual - expected) < 1e-12, `${what} ${actual} != ${expected}`);

describe('entityScores (seqeval convention, IOB2)', () => {
  it('matches the seqeval README example: micro F1 0.50, MISC 0, PER 1', () => {
    const gold = [
      ['O', 'O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'O'],
      ['B-PER', 'I-PER', 'O'],
    ];
    const predicted = [
      ['O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'I-MISC', 'O'],
      ['B-PER', 'I-PER', 'O'],
    ];
    const scores = entityScores(gold, predicted);
    close(scores.micro.precision, 0.5);
    close(scores.micro.recall, 0.5);
    close(scores.micro.f1, 0.5);
    assert.deepEqual(scores.perType.MISC, { precision: 0, recall: 0, f1: 0, support: 1, predicted: 1, correct: 0 });
    assert.deepEqual(scores.perType.PER, { precision: 1, recall: 1, f1: 1, support: 1, predicted: 1, correct: 1 });
  });

  it('counts a lone I- tag as the start of an entity, in gold and in predictions', () => {
    const scores = entityScores([['I-PER', 'I-PER', 'O', 'I-LOC']], [['B-PER', 'I-PER', 'O', 'B-LOC']]);
    close(scores.micro.f1, 1);
    assert.equal(scores.micro.support, 2);
  });

  it('splits an entity where the type changes (I-X after I-Y)', () => {
    const scores = entityScores([['B-PER', 'B-LOC']], [['B-PER', 'I-LOC']]);
    close(scores.micro.f1, 1);
  });

  it('requires the exact span: a partial or over-long match counts as wrong', () => {
    const scores = entityScores(
      [['B-LOC', 'I-LOC', 'O', 'B-ORG', 'O']],
      [['B-LOC', 'O', 'O', 'B-ORG', 'I-ORG']],
    );
    assert.equal(scores.micro.correct, 0);
    assert.equal(scores.micro.predicted, 2);
    assert.equal(scores.micro.support, 2);
  });

  it('requires the same type on the same span', () => {
    const scores = entityScores([['B-PER', 'I-PER']], [['B-ORG', 'I-ORG']]);
    assert.deepEqual(scores.perType.PER, { precision: 0, recall: 0, f1: 0, support: 1, predicted: 0, correct: 0 });
    assert.deepEqual(scores.perType.ORG, { precision: 0, recall: 0, f1: 0, support: 0, predicted: 1, correct: 0 });
  });

  it('treats B-X B-X as two entities (so it does not match one two-word entity)', () => {
    const scores = entityScores([['B-PER', 'I-PER']], [['B-PER', 'B-PER']]);
    assert.equal(scores.micro.predicted, 2);
    assert.equal(scores.micro.correct, 0);
  });

  it('never joins entities across sentences', () => {
    const scores = entityScores([['O', 'B-PER'], ['I-PER', 'O']], [['O', 'B-PER'], ['B-PER', 'O']]);
    close(scores.micro.f1, 1);
    assert.equal(scores.micro.support, 2);
  });

  it('micro-averages over types from pooled counts (hand-computed)', () => {
    // Gold: PER(0-1), LOC(3), ORG(5), PER(7) = 4 entities. Predicted: PER(0-1) ok, LOC(3) ok, ORG(5-6) wrong = 3.
    const gold = [['B-PER', 'I-PER', 'O', 'B-LOC', 'O', 'B-ORG', 'O', 'B-PER']];
    const predicted = [['B-PER', 'I-PER', 'O', 'B-LOC', 'O', 'B-ORG', 'I-ORG', 'O']];
    const { micro, perType } = entityScores(gold, predicted);
    close(micro.precision, 2 / 3);
    close(micro.recall, 2 / 4);
    close(micro.f1, (2 * (2 / 3) * (1 / 2)) / (2 / 3 + 1 / 2));
    close(perType.PER.recall, 1 / 2);
    close(perType.PER.precision, 1);
    assert.deepEqual(Object.keys(perType), ['LOC', 'ORG', 'PER']);
  });

  it('scores 0 (not NaN) when nothing is predicted or nothing is gold', () => {
    const { micro } = entityScores([['B-PER', 'O']], [['O', 'O']]);
    assert.deepEqual(micro, { precision: 0, recall: 0, f1: 0, support: 1, predicted: 0, correct: 0 });
    assert.deepEqual(entityScores([['O']], [['O']]).micro.f1, 0);
  });

  it('rejects mismatched lengths and non-tags', () => {
    assert.throws(() => entityScores([['O']], []), /0 predicted sentences against 1/);
    assert.throws(() => entityScores([['O', 'O']], [['O']]), /Sentence 0: 1 predicted tags for 2 words/);
    assert.throws(() => entityScores([['X-PER']], [['O']]), /"X-PER" is not a BIO tag/);
  });
});
