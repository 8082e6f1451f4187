import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { isCancelled, ProbeLensError } from '../../../src/core/errors';
import { predictSentiment, predictTags } from '../../../src/core/heads/inference';
import { listProbeFolders, loadProbe } from '../../../src/core/heads/probe/store';
import { joinWords } from '../../../src/core/ner/words';
import { evaluateProbes } from '../../../src/core/train/evaluate';
import { holdOut, probeFolder, trainProbes } from '../../../src/core/train/train-probes';
import { fakeNer, fakeSentiment } from './fake-data';
import { FakeEncoder, fakeIdentity } from './fake-encoder';
import { POOLING_STRATEGIES } from '../../../src/core/heads/registry';

const created: string[] = [];
after(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'train-probes-'));
  created.push(dir);
  return dir;
}

const fast = { epochs: 4, learningRate: 0.02 };

test('sentiment: every pooling head trains, saves, reloads and predicts the same; eval reproduces its dev scores', async () => {
  const root = tempDir();
  const encoder = new FakeEncoder(fakeIdentity());
  const train = fakeSentiment(160, 1);
  const dev = fakeSentiment(60, 2, 'dev.tsv');
  const result = await trainProbes({ encoder, task: 'sentiment', train, dev, outDir: root, cacheDir: path.join(root, 'cache'), hyperparameters: { ...fast, epochs: 25 } });
  assert.deepEqual(result.labels, ['0', '1']);
  assert.deepEqual(result.probes.map((p) => p.strategy), [...POOLING_STRATEGIES]);
  // The sentiment word is inside the sentence; [CLS]/[SEP] carry nothing in the fake encoder.
  for (const strategy of ['mean', 'max', 'weighted']) {
    const { metrics } = result.probes.find((p) => p.strategy === strategy)!;
    assert.ok(metrics.accuracy > 0.8, `${strategy}: ${metrics.accuracy}`);
  }
  const probes = listProbeFolders(root).map((dir) => loadProbe(dir, encoder.identity));
  assert.equal(probes.length, POOLING_STRATEGIES.length);
  for (const probe of probes) {
    assert.equal(probe.config.training.examples, 160);
    assert.equal(probe.config.training.devExamples, 60);
    assert.equal(probe.config.parameterCount, probe.head.parameterCount);
  }
  const scores = await evaluateProbes({ encoder, probes, data: dev, cacheDir: path.join(root, 'cache') });
  for (const summary of result.probes) assert.deepEqual(scores[summary.strategy], summary.metrics);

  const [states] = await encoder.encode(['the plot was great']);
  const weighted = predictSentiment(states, probes.find((p) => p.config.strategy === 'weighted')!);
  assert.equal(weighted.label, '1');
  assert.equal(weighted.tokenWeights!.length, states.tokens.length);
  assert.ok(Math.abs(weighted.tokenWeights!.reduce((a, b) => a + b) - 1) < 1e-5);
  assert.ok(weighted.margin > 0 && weighted.margin <= 1);
  assert.equal(predictSentiment(states, probes.find((p) => p.config.strategy === 'mean')!).tokenWeights, undefined);
});

test('ner: every fusion head trains from one extraction, and inference exposes layer weights', async () => {
  const root = tempDir();
  const encoder = new FakeEncoder(fakeIdentity());
  const result = await trainProbes({
    encoder,
    task: 'ner',
    train: fakeNer(120, 1),
    outDir: root,
    cacheDir: path.join(root, 'cache'),
    hyperparameters: fast,
  });
  assert.equal(encoder.encodeCalls, 2, 'one extraction (two chunks of 64) for train and its held-out dev');
  assert.deepEqual(result.labels, ['O', 'B-LOC', 'I-LOC']);
  for (const probe of result.probes) assert.ok(probe.metrics.f1 > 0.5, `${probe.strategy}: ${probe.metrics.f1}`);
  const dwatt = loadProbe(probeFolder(root, 'ner', 'dwatt'), encoder.identity);
  assert.match(dwatt.config.training.dev, /10% held out from fake\.conll \(seed 13\)/);
  const { text, spans } = joinWords(['Alice', 'visited', 'Berlin']);
  const [states] = await encoder.encode([text]);
  const tags = predictTags(states, dwatt, spans);
  assert.equal(tags.probabilities.length, 3 * 3);
  assert.deepEqual(Array.from(tags.wordTokens), [1, 2, 4]);
  assert.equal(tags.layerWeights?.kind, 'per-word');
  if (tags.layerWeights?.kind === 'per-word') {
    assert.equal(tags.layerWeights.rows.length, 3);
    assert.equal(tags.layerWeights.layers, 5);
  }
  const mix = predictTags(states, loadProbe(probeFolder(root, 'ner', 'scalarmix'), encoder.identity), spans);
  assert.equal(mix.layerWeights?.kind, 'global');
  assert.equal(predictTags(states, loadProbe(probeFolder(root, 'ner', 'last'), encoder.identity), spans).layerWeights, undefined);
});

test('training twice with the same seed writes identical weights', async () => {
  const root = tempDir();
  const encoder = new FakeEncoder(fakeIdentity());
  const run = (out: string) =>
    trainProbes({ encoder, task: 'ner', train: fakeNer(40, 1), strategies: ['dwatt', 'scalarmix'], outDir: out, cacheDir: path.join(root, 'cache'), hyperparameters: fast });
  await run(path.join(root, 'a'));
  await run(path.join(root, 'b'));
  for (const name of ['ner-dwatt', 'ner-scalarmix']) {
    assert.deepEqual(fs.readFileSync(path.join(root, 'a', name, 'weights.safetensors')), fs.readFileSync(path.join(root, 'b', name, 'weights.safetensors')));
  }
});

test('cancelling mid-epoch leaves the previous probe untouched and no partial folder', async () => {
  const root = tempDir();
  const encoder = new FakeEncoder(fakeIdentity());
  const common = { encoder, task: 'sentiment' as const, train: fakeSentiment(200, 1), strategies: ['weighted'], outDir: root, cacheDir: path.join(root, 'cache') };
  await trainProbes({ ...common, hyperparameters: { epochs: 1 } });
  const folder = probeFolder(root, 'sentiment', 'weighted');
  const before = fs.readFileSync(path.join(folder, 'weights.safetensors'));
  const controller = new AbortController();
  await assert.rejects(
    trainProbes({
      ...common,
      seed: 99,
      signal: controller.signal,
      hyperparameters: { epochs: 3 },
      onEvent: (event) => event.kind === 'step' && event.progress.epoch === 2 && event.progress.step === 2 && controller.abort(),
    }),
    (error) => isCancelled(error),
  );
  assert.deepEqual(fs.readFileSync(path.join(folder, 'weights.safetensors')), before);
  assert.deepEqual(fs.readdirSync(root).sort(), ['cache', 'sentiment-weighted']);
});

test('bad requests are clear errors: empty data, one label, unseen dev labels, a wrong task', async () => {
  const root = tempDir();
  const encoder = new FakeEncoder(fakeIdentity());
  const common = { encoder, outDir: root, cacheDir: path.join(root, 'cache') };
  const empty = { ...fakeSentiment(0, 1), file: 'empty.tsv' };
  await assert.rejects(trainProbes({ ...common, task: 'sentiment', train: empty }), (e) => e instanceof ProbeLensError && /empty\.tsv: the training data has no examples/.test(e.message));
  const one = fakeSentiment(10, 1);
  one.examples.forEach((e) => (e.label = '1'));
  await assert.rejects(trainProbes({ ...common, task: 'sentiment', train: one }), /only the label "1"/);
  const dev = fakeSentiment(10, 2, 'dev.tsv');
  dev.examples[3].label = 'neutral';
  await assert.rejects(trainProbes({ ...common, task: 'sentiment', train: fakeSentiment(10, 1), dev }), /dev\.tsv.*"neutral"/);
  await assert.rejects(trainProbes({ ...common, task: 'ner', train: fakeSentiment(10, 1) }), /sentiment data, not ner/);
  await assert.rejects(trainProbes({ ...common, task: 'ner', train: fakeNer(10, 1), strategies: ['mean'] }), /Unknown fusion strategy "mean"/);
  assert.throws(() => holdOut(1, 0.1, 1), /give a dev file/);
});
