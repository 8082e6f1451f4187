import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { readConllFile } from '../../../src/core/data/conll-reader';
import { loadEncoder } from '../../../src/core/encoders';
import { ProbeLensError } from '../../../src/core/errors';
import { sweepEncoder, sweepStrategies, TOKEN_STRATEGY } from '../../../src/core/probing';
import { labelsOf, taskData } from '../../../src/core/train/task-data';
import { DATA_DIR, TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { fakeNer, fakeSentiment } from '../train/fake-data';
import { FakeEncoder, fakeIdentity } from '../train/fake-encoder';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-sweep-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

function inputs(train: Parameters<typeof labelsOf>[0], dev: Parameters<typeof labelsOf>[0]) {
  const labels = labelsOf(train);
  return { labels, train: taskData(train, labels), dev: taskData(dev, labels) };
}

describe('layer sweep on a stand-in encoder', () => {
  test('sentiment: one probe per layer and parameter-free pooling, every layer cached once', async () => {
    const encoder = new FakeEncoder(fakeIdentity({ layers: 4 }));
    const request = { encoder, task: 'sentiment' as const, ...inputs(fakeSentiment(120, 1), fakeSentiment(60, 2)), cacheDir: path.join(work, 'fake'), mdl: false };
    const sweep = await sweepEncoder(request);
    const parameterFree = ['mean', 'max', 'cls', 'last', 'sum', 'weightedmean', 'mean+max'];
    assert.deepEqual(sweepStrategies('sentiment'), parameterFree);
    assert.deepEqual(
      sweep.strategies.map((s) => s.strategy),
      parameterFree,
    );
    assert.equal(sweep.layerCount, 5);
    for (const s of sweep.strategies) assert.deepEqual(s.layers.map((l) => l.layer), [0, 1, 2, 3, 4]);
    // Every layer of the stand-in carries the sentiment words: mean pooling reads them everywhere.
    const mean = sweep.strategies[0];
    assert.ok(mean.layers.every((l) => l.score > 0.9), JSON.stringify(mean.layers.map((l) => l.score)));
    assert.ok(mean.layers.every((l) => l.control !== null && l.control.selectivity > 0.3));
    assert.equal(sweep.featuresReused, false);
    const calls = encoder.encodeCalls;
    const again = await sweepEncoder({ ...request, layers: [0, 4] });
    assert.equal(encoder.encodeCalls, calls, 'the second sweep reads the cache');
    assert.equal(again.featuresReused, true);
    // Fits start from the previous probed layer's: layer 4 starts elsewhere than in the full sweep, and lands on the same answer.
    assert.deepEqual(again.strategies[0].layers.map((l) => l.layer), [0, 4]);
    again.strategies[0].layers.forEach((l, i) => assert.ok(Math.abs(l.score - [mean.layers[0], mean.layers[4]][i].score) <= 0.005, `layer ${l.layer}: ${l.score}`));
  });

  test('NER: a token probe per layer, with control task and code length', async () => {
    const encoder = new FakeEncoder(fakeIdentity({ layers: 4 }));
    const sweep = await sweepEncoder({ encoder, task: 'ner', ...inputs(fakeNer(150, 1), fakeNer(80, 2)), cacheDir: path.join(work, 'fake') });
    assert.deepEqual(sweep.strategies.map((s) => s.strategy), [TOKEN_STRATEGY]);
    const [token] = sweep.strategies;
    assert.deepEqual(token.layers.map((l) => l.layer), [0, 1, 2, 3, 4]);
    // The stand-in's token vectors identify every word, and its five names are always LOC: every layer finds them.
    assert.ok(token.layers.every((l) => l.score > 0.9), JSON.stringify(token.layers.map((l) => l.score)));
    assert.equal(token.bestLayer, 0);
    assert.equal(token.expectedLayer, null, 'no layer gains over the embeddings');
    assert.ok(token.layers.every((l) => l.control !== null && l.mdl !== null && l.mdl.compression > 2), JSON.stringify(token.layers.map((l) => l.mdl)));
  });

  test('a one-layer encoder: there is nothing to sweep', async () => {
    const encoder = new FakeEncoder(fakeIdentity({ layers: 1 }));
    await assert.rejects(sweepEncoder({ encoder, task: 'sentiment', ...inputs(fakeSentiment(20, 1), fakeSentiment(10, 2)), cacheDir: path.join(work, 'fake') }), (error: unknown) => {
      assert.ok(error instanceof ProbeLensError);
      assert.match(error.message, /fake-bert has 1 layer: there is nothing to sweep/);
      return true;
    });
    assert.equal(encoder.encodeCalls, 0, 'refused before any extraction');
  });

  test('unknown strategies and layers are named', async () => {
    const encoder = new FakeEncoder(fakeIdentity({ layers: 2 }));
    const base = { encoder, task: 'sentiment' as const, ...inputs(fakeSentiment(20, 1), fakeSentiment(10, 2)), cacheDir: path.join(work, 'fake') };
    await assert.rejects(sweepEncoder({ ...base, strategies: ['weighted'] }), /cannot probe "weighted" for sentiment/);
    await assert.rejects(sweepEncoder({ ...base, layers: [3] }), /Layer 3 cannot be probed: the encoder has layers 0 \(embeddings\) to 2/);
  });
});

describe('the linear probe and its control task on CoNLL-2003 (1,000 eng.train sentences, eng.testa), the top layer of the tiny encoders', () => {
  for (const modelDir of [TINY_GPT2, TINY_BERT]) {
    const model = path.basename(modelDir);
    test(`${model}: task and control entity F1 of the last layer's token probe`, async () => {
      const encoder = await loadEncoder(modelDir, { cacheDir: path.join(work, 'encoders'), threads: 1 });
      try {
        const train = await readConllFile(path.join(DATA_DIR, 'conll2003', 'eng.train'), { limit: 1000 });
        const dev = await readConllFile(path.join(DATA_DIR, 'conll2003', 'eng.testa'));
        const top = encoder.identity.layers;
        const sweep = await sweepEncoder({ encoder, task: 'ner', ...inputs(train, dev), layers: [top], mdl: false, cacheDir: path.join(work, 'features') });
        const last = sweep.strategies[0].layers[0];
        const reference = JSON.parse(fs.readFileSync(path.join(modelDir, 'reference', 'probe_baselines.json'), 'utf8')).conll2003_testa_entity_f1.last as number;
        const control = last.control!;
        console.log(
          `  ${model} layer ${top}: task F1 ${last.score.toFixed(4)} (C ${last.C}; scikit-learn reference ${reference}); ` +
            `word accuracy at C ${control.C}: task ${control.taskAccuracy.toFixed(4)}, control ${control.score.toFixed(4)}, selectivity ${control.selectivity.toFixed(4)}`,
        );
        // The fitter matches or beats scikit-learn's logistic regression on the same features (within half a point).
        assert.ok(last.score >= reference - 0.005, `${last.score} vs ${reference}`);
        // Hewitt & Liang: control labels per word type; selectivity = task − control word accuracy on dev. The
        // control probe can only memorise types, and dev's types unseen in training keep labels it never saw.
        assert.ok(control.selectivity > 0, `selectivity ${control.selectivity} (task ${control.taskAccuracy}, control ${control.score})`);
      } finally {
        await encoder.dispose();
      }
    });
  }
});
