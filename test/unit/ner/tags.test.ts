import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bioLabels, isTag, parseTag, repairBio } from '../../../src/core/ner/tags';

describe('parseTag', () => {
  it('reads O, B-X and I-X, types with hyphens included', () => {
    assert.deepEqual(parseTag('O'), { prefix: 'O', type: '' });
    assert.deepEqual(parseTag('B-PER'), { prefix: 'B', type: 'PER' });
    assert.deepEqual(parseTag('I-creative-work'), { prefix: 'I', type: 'creative-work' });
  });

  it('rejects anything else', () => {
    for (const bad of ['X-PER', 'B-', 'I', 'o', 'E-LOC', 'S-LOC', 'BPER', '', 'B_PER']) assert.equal(isTag(bad), false, bad);
  });
});

describe('bioLabels', () => {
  it('puts O first, then B-/I- per sorted distinct type', () => {
    assert.deepEqual(bioLabels(['PER', 'LOC', 'PER']), ['O', 'B-LOC', 'I-LOC', 'B-PER', 'I-PER']);
  });
});

describe('repairBio (seqeval / conlleval convention)', () => {
  it('leaves valid IOB2 alone', () => {
    const tags = ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC'];
    assert.deepEqual(repairBio(tags), { tags, repairs: [] });
  });

  it('turns an I-X at the start of a sentence into B-X', () => {
    const { tags, repairs } = repairBio(['I-PER', 'I-PER', 'O']);
    assert.deepEqual(tags, ['B-PER', 'I-PER', 'O']);
    assert.deepEqual(repairs, [{ index: 0, from: 'I-PER', to: 'B-PER' }]);
  });

  it('turns an I-X after O into B-X', () => {
    assert.deepEqual(repairBio(['O', 'I-LOC']).tags, ['O', 'B-LOC']);
  });

  it('turns an I-X after B-Y of another type into B-X', () => {
    assert.deepEqual(repairBio(['B-PER', 'I-LOC', 'I-LOC']).tags, ['B-PER', 'B-LOC', 'I-LOC']);
  });

  it('turns an I-X after I-Y of another type into B-X', () => {
    assert.deepEqual(repairBio(['B-PER', 'I-PER', 'I-ORG']).tags, ['B-PER', 'I-PER', 'B-ORG']);
  });

  it('converts IOB1 to IOB2 (B- between adjacent same-type entities is kept)', () => {
    const iob1 = ['I-ORG', 'O', 'I-MISC', 'O', 'I-PER', 'I-PER', 'B-PER', 'I-PER'];
    assert.deepEqual(repairBio(iob1).tags, ['B-ORG', 'O', 'B-MISC', 'O', 'B-PER', 'I-PER', 'B-PER', 'I-PER']);
  });

  it('throws on a string that is not a tag', () => {
    assert.throws(() => repairBio(['O', 'X-PER']), /not a BIO tag/);
  });
});
