import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { ProbeLensError } from '../../../src/core/errors';
import { Tape } from '../../../src/core/heads/autograd';
import { createHead } from '../../../src/core/heads/head';
import { strategiesFor } from '../../../src/core/heads/registry';
import { type Task, TASKS } from '../../../src/core/task';
import { PROBE_FORMAT, type ProbeConfig } from '../../../src/core/heads/probe/config';
import { listProbeFolders, loadProbe, type Probe, saveProbe, WEIGHTS_FILE } from '../../../src/core/heads/probe/store';
import { Standardizer } from '../../../src/core/heads/standardizer';
import { fakeIdentity } from '../train/fake-encoder';
import { syntheticBatch } from './synthetic';

const identity = fakeIdentity({ layers: 3, hiddenSize: 6 });
const shape = { hiddenSize: 6, numLayers: 4, numLabels: 3 };

function makeProbe(task: Task, strategy: string, seed: number): Probe {
  const head = createHead(task, strategy, shape, seed);
  const layers = task === 'sentiment' ? 1 : shape.numLayers;
  const standardizer = new Standardizer(
    Array.from({ length: layers }, (_, l) => Float32Array.from({ length: 6 }, (_, j) => 0.1 * (l + j))),
    Array.from({ length: layers }, (_, l) => Float32Array.from({ length: 6 }, (_, j) => 1 + 0.01 * (l * j))),
  );
  const config: ProbeConfig = {
    format: PROBE_FORMAT,
    task,
    strategy,
    labels: task === 'sentiment' ? ['neg', 'neu', 'pos'] : ['O', 'B-LOC', 'I-LOC'],
    encoder: identity,
    shape,
    parameterCount: head.parameterCount,
    seed,
    hyperparameters: { learningRate: 1e-3, weightDecay: 0.01, batchSize: 32, epochs: 3, patience: 2, schedule: 'linear' },
    training: { file: 'train.tsv', examples: 10, dev: 'dev.tsv', devExamples: 5 },
    metrics: { accuracy: 0.5 },
    bestEpoch: 2,
    epochsRun: 3,
    trainedAt: new Date(0).toISOString(),
  };
  return { config, head, standardizer };
}

const created: string[] = [];
after(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-store-'));
  created.push(dir);
  return dir;
}

function outputs(probe: Probe): Float32Array {
  const batch = syntheticBatch([3, 2], probe.head.inputLayers.length, 6, 9, false);
  batch.layers.forEach((layer, i) => probe.standardizer.apply(probe.head.inputLayers[i], layer.data));
  return Float32Array.from(probe.head.forward(new Tape(false), batch).logits.data);
}

test('save → load gives the same config, weights and predictions, for every strategy', () => {
  const dir = tempDir();
  const every = TASKS.flatMap((task) => strategiesFor(task).map((strategy) => [task, strategy] as const));
  for (const [task, strategy] of every) {
    const probe = makeProbe(task, strategy, 5);
    const folder = path.join(dir, `${task}-${strategy}`);
    saveProbe(folder, probe);
    const loaded = loadProbe(folder, identity);
    assert.deepEqual(loaded.config, probe.config);
    assert.deepEqual(outputs(loaded), outputs(probe), `${task}/${strategy}`);
  }
  assert.equal(listProbeFolders(dir).length, every.length);
  assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('.tmp-') || n.includes('.old-')), []);
});

test('saving over an existing probe replaces it whole', () => {
  const dir = path.join(tempDir(), 'p');
  saveProbe(dir, makeProbe('ner', 'dwatt', 1));
  const second = makeProbe('ner', 'dwatt', 2);
  saveProbe(dir, second);
  assert.deepEqual(outputs(loadProbe(dir)), outputs(second));
  assert.deepEqual(fs.readdirSync(path.dirname(dir)), ['p']);
});

test('a probe left at <dir>.old-* by a crash between the two renames is put back on load', () => {
  const dir = path.join(tempDir(), 'p');
  const probe = makeProbe('sentiment', 'mean', 1);
  saveProbe(dir, probe);
  fs.renameSync(dir, `${dir}.old-123-abcd`);
  assert.deepEqual(outputs(loadProbe(dir)), outputs(probe));
});

function refused(dir: string, pattern: RegExp, encoder = identity) {
  assert.throws(
    () => loadProbe(dir, encoder),
    (error: unknown) => error instanceof ProbeLensError && error.code === 'probe' && pattern.test(error.message),
  );
}

test('a probe trained for another encoder is refused, naming the field that differs', () => {
  const dir = path.join(tempDir(), 'p');
  saveProbe(dir, makeProbe('ner', 'last', 1));
  refused(dir, /trained for encoder "fake-bert", not "other".*hiddenSize is 6 there but 12 here/, { ...identity, name: 'other', hiddenSize: 12 });
  refused(dir, /layers is 3 there but 6 here/, { ...identity, layers: 6 });
  refused(dir, /dtype is fp32 there but q8 here/, { ...identity, dtype: 'q8' });
  refused(dir, /ONNX weights differ/, { ...identity, fingerprint: 'a'.repeat(64) });
  // The same model under another path is the same encoder.
  assert.doesNotThrow(() => loadProbe(dir, { ...identity, name: '/elsewhere/fake-bert' }));
});

test('a missing or truncated weights file, or a missing probe, is a clear probe error', () => {
  const dir = path.join(tempDir(), 'p');
  saveProbe(dir, makeProbe('ner', 'dwatt', 1));
  const weights = path.join(dir, WEIGHTS_FILE);
  const bytes = fs.readFileSync(weights);
  fs.writeFileSync(weights, bytes.subarray(0, bytes.length - 100));
  refused(dir, /weights\.safetensors is not a valid weights file: .*truncated/);
  fs.rmSync(weights);
  refused(dir, /has no weights\.safetensors/);
  refused(path.join(path.dirname(dir), 'nothing-here'), /No probe folder/);
});

test('a config.json that is not JSON or describes another format is refused', () => {
  const dir = path.join(tempDir(), 'p');
  saveProbe(dir, makeProbe('sentiment', 'max', 1));
  fs.writeFileSync(path.join(dir, 'config.json'), '{"format": "probe-lens/probe@1", ');
  refused(dir, /config\.json is not valid JSON/);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ format: 'other' }));
  refused(dir, /format "other"/);
});
