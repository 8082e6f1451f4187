import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { findEncoder } from '../../../src/core/catalogue';
import { encoderSpec, resolveUserPath, runtimeOptions, trainingSource } from '../../../src/extension/runtime';
import { DEFAULT_SETTINGS, type ProbeLensSettings } from '../../../src/extension/settings/parse-settings';
import { storagePaths } from '../../../src/extension/storage';
import { trainRequest } from '../../../src/extension/training/train-request';
import { encoderLabel } from '../../../src/worker/encoder-label';

const workspace = path.resolve('/work/space');
const withSettings = (change: (s: ProbeLensSettings) => void): ProbeLensSettings => {
  const settings = structuredClone(DEFAULT_SETTINGS);
  change(settings);
  return settings;
};

test('paths in settings: absolute as given, ~ under home, relative to the workspace folder', () => {
  assert.equal(resolveUserPath('/models/bert', workspace), path.normalize('/models/bert'));
  assert.equal(resolveUserPath('~/models/bert', workspace), path.join(os.homedir(), 'models/bert'));
  assert.equal(resolveUserPath('./models/bert', workspace), path.join(workspace, 'models/bert'));
  assert.equal(resolveUserPath('../shared/models', workspace), path.resolve(workspace, '../shared/models'));
});

test('encoders: hub ids stay ids (with the catalogue dtype under auto), folders become absolute paths', () => {
  const id = 'Xenova/bert-base-uncased';
  assert.deepEqual(encoderSpec(id, DEFAULT_SETTINGS, workspace), { name: id, dtype: findEncoder(id)?.defaultDtype });
  assert.deepEqual(encoderSpec('someone/unknown-model', DEFAULT_SETTINGS, workspace), { name: 'someone/unknown-model' });
  assert.deepEqual(encoderSpec('./models/tiny', DEFAULT_SETTINGS, workspace), { name: path.join(workspace, 'models/tiny') });
  assert.deepEqual(encoderSpec('/m/tiny', withSettings((s) => (s.dtype = 'q8')), workspace), { name: path.normalize('/m/tiny'), dtype: 'q8' });
  assert.deepEqual(encoderSpec(id, withSettings((s) => (s.dtype = 'fp32')), workspace), { name: id, dtype: 'fp32' });
});

test('training data: files when set (dev optional), else the default dataset with the mirror', () => {
  assert.deepEqual(trainingSource('sentiment', DEFAULT_SETTINGS, workspace), { kind: 'default', dataset: 'sst2' });
  const mirrored = withSettings((s) => {
    s.training.datasetBaseUrl = 'http://127.0.0.1:9/data';
    s.training.nerDataset = 'wnut17';
  });
  assert.deepEqual(trainingSource('ner', mirrored, workspace), { kind: 'default', dataset: 'wnut17', baseUrl: 'http://127.0.0.1:9/data' });
  const files = withSettings((s) => {
    s.training.nerTrainFile = 'data/train.conll';
    s.training.sentimentTrainFile = '/d/train.tsv';
    s.training.sentimentDevFile = '/d/dev.tsv';
  });
  assert.deepEqual(trainingSource('ner', files, workspace), { kind: 'files', train: path.join(workspace, 'data/train.conll') });
  assert.deepEqual(trainingSource('sentiment', files, workspace), { kind: 'files', train: path.normalize('/d/train.tsv'), dev: path.normalize('/d/dev.tsv') });
});

test('sentiment label names from the settings go with the sentiment data only, and only when set', () => {
  const labelNames = { neg: 'negative', pos: 'positive' };
  const named = withSettings((s) => (s.training.sentimentLabelNames = labelNames));
  assert.deepEqual(trainingSource('sentiment', named, workspace), { kind: 'default', dataset: 'sst2', labelNames });
  assert.deepEqual(trainingSource('ner', named, workspace), { kind: 'default', dataset: 'conll2003' });
  const files = withSettings((s) => {
    s.training.sentimentLabelNames = labelNames;
    s.training.sentimentTrainFile = '/d/train.csv';
  });
  assert.deepEqual(trainingSource('sentiment', files, workspace), { kind: 'files', train: path.normalize('/d/train.csv'), labelNames });
  assert.deepEqual(trainRequest(['sentiment'], files, workspace).data.sentiment.labelNames, labelNames);
});

test('a training request trains the shown strategies, plus the hover strategy for NER', () => {
  const settings = withSettings((s) => {
    s.fusionStrategies = ['last', 'concat'];
    s.poolingStrategies = ['mean'];
    s.hover.strategy = 'dwatt';
    s.training.fewShotSize = 64;
  });
  const request = trainRequest(['ner'], settings, workspace);
  assert.deepEqual(request.strategies, { sentiment: ['mean'], ner: ['last', 'concat', 'dwatt'] });
  assert.equal(request.fewShotSize, 64);
  assert.equal(request.encoders.length, settings.encoders.length);
  assert.equal(trainRequest(['ner'], withSettings((s) => (s.hover.strategy = 'last')), workspace).strategies.ner.filter((s) => s === 'last').length, 1);
});

test('the worker gets the storage folders and the loading settings', () => {
  const storage = storagePaths('/g');
  const settings = withSettings((s) => {
    s.offline = true;
    s.threads = 2;
    s.executionProvider = 'cuda';
    s.modelsRoot = './models';
  });
  assert.deepEqual(runtimeOptions(settings, storage, workspace), { ...storage, offline: true, threads: 2, provider: 'cuda', modelsRoot: path.join(workspace, 'models') });
  assert.equal('modelsRoot' in runtimeOptions(DEFAULT_SETTINGS, storage, workspace), false);
});

test('encoder labels: hub ids as they are, folders by their last part', () => {
  assert.equal(encoderLabel('Xenova/gpt2'), 'Xenova/gpt2');
  assert.equal(encoderLabel(path.resolve('/models/tiny-gpt2/')), 'tiny-gpt2');
});
