import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { readConllFile } from '../../../src/core/data/conll-reader';
import { readSentimentFile } from '../../../src/core/data/sentiment-reader';
import { loadEncoder } from '../../../src/core/encoders';
import { loadProbe } from '../../../src/core/heads/probe/store';
import { evaluateProbes } from '../../../src/core/train/evaluate';
import { trainProbes } from '../../../src/core/train/train-probes';
import { DATA_DIR, TINY_BERT, TINY_GPT2 } from '../../shared-path';

/** The reference protocol's numbers: scikit-learn logistic regression on the same frozen features. */
interface ProbeBaselines {
  sst2_dev_accuracy: Record<string, number>;
  conll2003_testa_entity_f1: Record<string, number>;
}

/** The bar: our linear heads may score at most 1.5 points below the logistic regression. */
const ALLOWED_SHORTFALL = 0.015;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-baselines-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

for (const modelDir of [TINY_BERT, TINY_GPT2]) {
  const model = path.basename(modelDir);
  const baselines = JSON.parse(fs.readFileSync(path.join(modelDir, 'reference', 'probe_baselines.json'), 'utf8')) as ProbeBaselines;

  describe(`${model}: linear heads against the logistic-regression reference`, () => {
    test('SST-2 (first 3,000 train rows): mean pooling dev accuracy, saved and reloaded', async () => {
      const encoder = await loadEncoder(modelDir, { cacheDir: path.join(work, 'encoders'), threads: 1 });
      try {
        const train = await readSentimentFile(path.join(DATA_DIR, 'sst2', 'train.tsv'), { limit: 3000 });
        const dev = await readSentimentFile(path.join(DATA_DIR, 'sst2', 'dev.tsv'));
        const outDir = path.join(work, model);
        const result = await trainProbes({ encoder, task: 'sentiment', train, dev, strategies: ['mean'], outDir, cacheDir: path.join(work, 'features') });
        const { accuracy } = result.probes[0].metrics;
        console.log(`  ${model} sentiment/mean: dev accuracy ${accuracy.toFixed(4)} (reference ${baselines.sst2_dev_accuracy.mean})`);
        assert.ok(accuracy >= baselines.sst2_dev_accuracy.mean - ALLOWED_SHORTFALL, `${accuracy} vs ${baselines.sst2_dev_accuracy.mean}`);
        const reloaded = await evaluateProbes({ encoder, probes: [loadProbe(result.probes[0].dir, encoder.identity)], data: dev, cacheDir: path.join(work, 'features') });
        assert.deepEqual(reloaded.mean, result.probes[0].metrics);
      } finally {
        await encoder.dispose();
      }
    });

    test('CoNLL-2003 (first 1,000 eng.train sentences): last-layer tagger entity F1 on eng.testa', async () => {
      const encoder = await loadEncoder(modelDir, { cacheDir: path.join(work, 'encoders'), threads: 1 });
      try {
        const train = await readConllFile(path.join(DATA_DIR, 'conll2003', 'eng.train'), { limit: 1000 });
        const dev = await readConllFile(path.join(DATA_DIR, 'conll2003', 'eng.testa'));
        const result = await trainProbes({ encoder, task: 'ner', train, dev, strategies: ['last'], outDir: path.join(work, model), cacheDir: path.join(work, 'features') });
        const { f1 } = result.probes[0].metrics;
        console.log(`  ${model} ner/last: eng.testa entity F1 ${f1.toFixed(4)} (reference ${baselines.conll2003_testa_entity_f1.last})`);
        assert.ok(f1 >= baselines.conll2003_testa_entity_f1.last - ALLOWED_SHORTFALL, `${f1} vs ${baselines.conll2003_testa_entity_f1.last}`);
      } finally {
        await encoder.dispose();
      }
    });
  });
}
