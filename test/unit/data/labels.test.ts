import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConll } from '../../../src/core/data/conll-reader';
import { labelIndices, labelList, rawLabelsOf, tagIndices, tagList, withLabelNames } from '../../../src/core/data/labels';
import { parseSentiment } from '../../../src/core/data/sentiment-reader';
import { ProbeLensError } from '../../../src/core/errors';

const tsv = (rows: string[][], file = 'train.tsv') =>
  parseSentiment(['sentence\tlabel', ...rows.map((row) => row.join('\t'))].join('\n'), file);

describe('labelList', () => {
  it('sorts integer labels numerically', () => {
    assert.deepEqual(labelList(tsv([['a', '10'], ['b', '2'], ['c', '-1'], ['d', '2']])), ['-1', '2', '10']);
  });

  it('sorts other labels by code unit', () => {
    assert.deepEqual(labelList(tsv([['a', 'positive'], ['b', 'negative'], ['c', 'Neutral']])), ['Neutral', 'negative', 'positive']);
  });
});

describe('labelIndices', () => {
  it('maps labels to their index in the list (sorted, or given)', () => {
    const train = tsv([['a', 'pos'], ['b', 'neg'], ['c', 'pos']]);
    assert.deepEqual([...labelIndices(train, labelList(train))], [1, 0, 1]);
    assert.deepEqual([...labelIndices(train, ['pos', 'neg'])], [0, 1, 0]);
  });

  it('rejects a dev label unseen in training, naming the label, file and line, and how many rows', () => {
    const train = tsv([['a', '0'], ['b', '1']]);
    const dev = tsv([['c', '1'], ['d', '2'], ['e', '2']], 'dev.tsv');
    assert.throws(
      () => labelIndices(dev, labelList(train)),
      (e: unknown) =>
        e instanceof ProbeLensError &&
        e.code === 'data' &&
        /^dev\.tsv:3: label "2" is not among the training labels \(0, 1\); 2 rows in this file have labels outside that list\./.test(e.message),
    );
  });

  it('rejects a label list with duplicates', () => {
    assert.throws(() => labelIndices(tsv([['a', '0']]), ['0', '0']), /duplicates/);
  });
});

describe('tagList and tagIndices', () => {
  const train = parseConll('EU I-ORG\nsays O\n\nBob I-PER\n', 'train.conll');

  it('builds O, B-/I- per type and maps every word', () => {
    const labels = tagList(train);
    assert.deepEqual(labels, ['O', 'B-ORG', 'I-ORG', 'B-PER', 'I-PER']);
    assert.deepEqual(tagIndices(train, labels).map((row) => [...row]), [[1, 0], [3]]);
  });

  it('rejects an entity type unseen in training, naming the tag, file and line', () => {
    const dev = parseConll('Paris B-LOC\n\nin O\nRome B-LOC\nand O\nEU B-ORG\n', 'dev.conll');
    assert.throws(
      () => tagIndices(dev, tagList(train)),
      (e: unknown) => e instanceof ProbeLensError && /^dev\.conll:1: tag "B-LOC" is not among the training labels .*; 2 words in this file/.test(e.message),
    );
  });
});

describe('raw labels and their names', () => {
  const named = parseSentiment('sentence\tlabel\ngood\t1\nbad\t0\nfine\t1\n', 'sst2.tsv', { labelNames: { '0': 'negative', '1': 'positive' } });
  const raw = parseSentiment('sentence\tlabel\ngood\t1\nbad\t0\nmeh\t2\n', 'dev.tsv');

  it('a probe trained on named labels keeps their raw values; none when nothing was renamed', () => {
    assert.deepEqual(rawLabelsOf(named, labelList(named)), ['0', '1']);
    assert.equal(rawLabelsOf(raw, labelList(raw)), undefined);
  });

  it('data labelled either way maps onto the probe labels; unknown labels stay and are refused by name', () => {
    const labels = ['negative', 'positive'];
    const mapped = withLabelNames(raw, labels, ['0', '1']);
    assert.deepEqual(mapped.examples.map((e) => e.label), ['positive', 'negative', '2']);
    assert.throws(() => labelIndices(mapped, labels), /dev\.tsv:4: label "2" is not among the training labels \(negative, positive\)/);
    assert.deepEqual([...labelIndices(withLabelNames(named, labels, ['0', '1']), labels)], [1, 0, 1], 'names stay names');
    assert.equal(withLabelNames(raw, labels, undefined), raw, 'a probe without raw labels maps nothing');
  });
});
