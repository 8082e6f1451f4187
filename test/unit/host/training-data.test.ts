import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { datasetCacheDir } from '../../../src/core/data/download';
import type { SentimentDataset } from '../../../src/core/data/types';
import type { TrainingSource } from '../../../src/protocol/worker';
import { prepareTrainingData, sentimentLabelNames } from '../../../src/worker/training-data';

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

const options = { cacheDir: root, offline: true, fewShotSize: 100, seed: 1, signal: new AbortController().signal, onProgress: () => {} };

async function labelsRead(source: TrainingSource): Promise<{ train: string[]; dev: string[] }> {
  const data = await prepareTrainingData('sentiment', source, options);
  const labels = (dataset: SentimentDataset | undefined) => [...new Set(dataset?.examples.map((e) => e.label))].sort();
  return { train: labels(data.train as SentimentDataset), dev: labels(data.dev as SentimentDataset | undefined) };
}

test('SST-2 read for training says negative/positive, in train and dev', async () => {
  assert.deepEqual(await labelsRead({ kind: 'default', dataset: 'sst2' }), { train: ['negative', 'positive'], dev: ['negative', 'positive'] });
});

test("the user's label names go over the dataset's own; unnamed labels of a file stay raw", async () => {
  assert.deepEqual((await labelsRead({ kind: 'default', dataset: 'sst2', labelNames: { 1: 'good' } })).train, ['good', 'negative']);
  assert.deepEqual((await labelsRead({ kind: 'files', train: ownFile })).train, ['neg', 'neutral', 'pos']);
  assert.deepEqual((await labelsRead({ kind: 'files', train: ownFile, labelNames: { pos: 'positive', neg: 'negative' } })).train, ['negative', 'neutral', 'positive']);
});

test('label names are those of the sentiment dataset only', () => {
  assert.deepEqual(sentimentLabelNames({ kind: 'default', dataset: 'conll2003' }), {});
  assert.deepEqual(sentimentLabelNames({ kind: 'files', train: ownFile }), {});
});
