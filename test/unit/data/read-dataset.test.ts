import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readDataset, sampleDataset } from '../../../src/core/data/read-dataset';
import { DATA_DIR } from '../../shared-path';

describe('readDataset and sampleDataset', () => {
  it('read and sample by task, passing the limit through', async () => {
    const sentiment = await readDataset(path.join(DATA_DIR, 'sst2', 'dev.tsv'), 'sentiment', { limit: 100 });
    assert.equal(sentiment.task, 'sentiment');
    assert.equal(sentiment.examples.length, 100);
    assert.equal(sampleDataset(sentiment, 10, 1).dataset.examples.length, 10);

    const ner = await readDataset(path.join(DATA_DIR, 'wnut17', 'emerging.dev.conll'), 'ner', { limit: 300 });
    assert.equal(ner.task, 'ner');
    assert.equal(ner.sentences.length, 300);
    const sample = sampleDataset(ner, ner.entityTypes.length, 1).dataset;
    assert.deepEqual(sample.entityTypes, ner.entityTypes);
  });
});
