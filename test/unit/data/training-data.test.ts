import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { datasetCacheDir } from '../../../src/core/data/download';
import { exampleCount } from '../../../src/core/data/subset';
import { labelNamesOf, prepareTrainingData, type TrainingSource } from '../../../src/core/data/training-data';
import type { SentimentDataset } from '../../../src/core/data/types';
import { ProbeLensError } from '../../../src/core/errors';

const root = mkdtempSync(path.join(os.tmpdir(), 'probe-lens-training-data-'));
after(() => rmSync(root, { recursive: true, force: true }));

// A small SST-2 in the cache layout (offline: read from the cache, never fetched).
const SST2_ROWS = 'sentence\tlabel\na quiet delight\t1\na dull mess\t0\nwarm and funny\t1\nflat and long\t0\n';
const sst2Dir = path.join(datasetCacheDir(root), 'sst2');
mkdirSync(sst2Dir, { recursive: true });
writeFileSync(path.join(sst2Dir, 'train.tsv'), SST2_ROWS);
writeFileSync(path.join(sst2Dir, 'dev.tsv'), SST2_ROWS);
const ownFile = path.join(root, 'own.tsv');
writeFileSync(ownFile, 'text\tlabel\ngreat\tpos\nawful\tneg\nmeh\tneutral\n');
// 200 rows, labels alternating: enough to hold out, sample and limit.
const bigFile = path.join(root, 'big.tsv');
writeFileSync(bigFile, `sentence\tlabel\n${Array.from({ length: 200 }, (_, i) => `row number ${i}\t${i % 2}`).join('\n')}\n`);

const options = { cacheDir: root, offline: true, seed: 1 };

async function labelsRead(source: TrainingSource): Promise<{ train: string[]; dev: string[] }> {
  const data = await prepareTrainingData('sentiment', source, { ...options, fewShot: 100, devSize: 100 });
  const labels = (dataset: SentimentDataset) => [...new Set(dataset.examples.map((e) => e.label))].sort();
  return { train: labels(data.train as SentimentDataset), dev: labels(data.dev as SentimentDataset) };
}

test('SST-2 read for training says negative/positive, in train and dev, and keeps the raw labels', async () => {
  assert.deepEqual(await labelsRead({ kind: 'default', dataset: 'sst2' }), { train: ['negative', 'positive'], dev: ['negative', 'positive'] });
  const data = await prepareTrainingData('sentiment', { kind: 'default', dataset: 'sst2' }, options);
  assert.deepEqual(
    (data.train as SentimentDataset).examples.map(({ label, raw }) => `${raw}=${label}`),
    ['1=positive', '0=negative', '1=positive', '0=negative'],
  );
  assert.equal(data.title, 'SST-2 (GLUE)');
});

test("the user's label names go over the dataset's own; unnamed labels of a file stay raw", async () => {
  assert.deepEqual((await labelsRead({ kind: 'default', dataset: 'sst2', labelNames: { 1: 'good' } })).train, ['good', 'negative']);
  assert.deepEqual((await labelsRead({ kind: 'files', train: ownFile, dev: ownFile })).train, ['neg', 'neutral', 'pos']);
  assert.deepEqual(
    (await labelsRead({ kind: 'files', train: ownFile, dev: ownFile, labelNames: { pos: 'positive', neg: 'negative' } })).train,
    ['negative', 'neutral', 'positive'],
  );
});

test('label names are those of the sentiment dataset only', () => {
  assert.deepEqual(labelNamesOf({ kind: 'default', dataset: 'conll2003' }), {});
  assert.deepEqual(labelNamesOf({ kind: 'files', train: ownFile }), {});
});

test('without a dev file, dev is held out of the training file before the few-shot sample: 10 trains on 10', async () => {
  const data = await prepareTrainingData('sentiment', { kind: 'files', train: bigFile }, { ...options, limit: 150, fewShot: 10 });
  assert.equal(exampleCount(data.train), 10);
  assert.equal(exampleCount(data.dev), 15, 'a tenth of the 150 rows read');
  assert.equal(data.dev.file, `${bigFile} (10% held out, seed 1)`);
  const texts = (dataset: typeof data.train) => (dataset as SentimentDataset).examples.map((e) => e.text);
  assert.equal(texts(data.train).filter((text) => texts(data.dev).includes(text)).length, 0, 'no example in both');
  assert.deepEqual([...new Set((data.dev as SentimentDataset).examples.map((e) => e.label))].sort(), ['0', '1'], 'stratified');
  // The same seed gives the same split and sample.
  const again = await prepareTrainingData('sentiment', { kind: 'files', train: bigFile }, { ...options, limit: 150, fewShot: 10 });
  assert.deepEqual(texts(again.train), texts(data.train));
});

test('dev is sampled down to devSize only when it is larger; a sample larger than the data is a notice', async () => {
  const data = await prepareTrainingData('sentiment', { kind: 'files', train: bigFile, dev: bigFile }, { ...options, fewShot: 500, devSize: 30 });
  assert.equal(exampleCount(data.train), 200);
  assert.equal(exampleCount(data.dev), 30);
  assert.match(data.notices.join('\n'), /the sample size 500 is more than the 200 examples available/);
});

test('a data folder must hold the dataset in the cache layout; one example cannot be held out', async () => {
  await assert.rejects(
    prepareTrainingData('ner', { kind: 'default', dataset: 'conll2003', dataDir: root }, options),
    (error: unknown) => error instanceof ProbeLensError && error.code === 'data' && /has no conll2003\/eng\.train or conll2003\/eng\.testa/.test(error.message),
  );
  const one = path.join(root, 'one.tsv');
  writeFileSync(one, 'sentence\tlabel\nalone\t1\n');
  await assert.rejects(prepareTrainingData('sentiment', { kind: 'files', train: one }, options), /one example cannot be split into train and dev; give a dev file too/);
});

test('a seed outside 0..2^32-1 is refused instead of wrapping', async () => {
  await assert.rejects(prepareTrainingData('sentiment', { kind: 'files', train: bigFile }, { ...options, seed: 2 ** 32 }), /A seed is a whole number from 0 to 4294967295, not 4294967296/);
});
