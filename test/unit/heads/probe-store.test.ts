import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { after, test } from 'node:test';
import { ProbeLensError } from '../../../src/core/errors';
import { Tape } from '../../../src/core/heads/autograd';
import { decodeSafetensors, encodeSafetensors } from '../../../src/core/heads/probe/safetensors';
import { strategiesFor } from '../../../src/core/heads/registry';
import { TASKS } from '../../../src/core/task';
import { listProbeFolders, loadProbe, type Probe, saveProbe, WEIGHTS_FILE } from '../../../src/core/heads/probe/store';
import { identity, makeProbe } from './probe-fixture';
import { syntheticBatch } from './synthetic';

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

test('a probe left at <dir>.old-* by a crash between the two renames is read from there, and put back by the next save', () => {
  const dir = path.join(tempDir(), 'p');
  const probe = makeProbe('sentiment', 'mean', 1);
  saveProbe(dir, probe);
  fs.renameSync(dir, `${dir}.old-123-abcd`);
  assert.deepEqual(listProbeFolders(path.dirname(dir)), [dir], 'listed under its own name');
  assert.deepEqual(outputs(loadProbe(dir)), outputs(probe));
  assert.ok(!fs.existsSync(dir), 'a reader moves nothing');
  saveProbe(path.join(path.dirname(dir), 'other'), probe);
  saveProbe(dir, makeProbe('sentiment', 'mean', 2));
  assert.deepEqual(fs.readdirSync(path.dirname(dir)).sort(), ['other', 'p']);
});

test('a save that replaces a probe another run wrote after this run started says so', () => {
  const dir = path.join(tempDir(), 'p');
  const started = Date.now();
  assert.equal(saveProbe(dir, makeProbe('ner', 'last', 1, new Date(started - 60_000)), { since: started }), undefined, 'nothing there before');
  assert.equal(saveProbe(dir, makeProbe('ner', 'last', 2, new Date()), { since: started }), undefined, 'an older probe is replaced quietly');
  const notice = saveProbe(dir, makeProbe('ner', 'last', 3), { since: started });
  assert.match(notice ?? '', new RegExp(`replaced ${dir}, which another run saved at .*, after this run started`));
});

test('concurrent writers of one probe folder never crash, and a reader always finds a whole probe', async () => {
  const dir = path.join(tempDir(), 'ner-dwatt');
  saveProbe(dir, makeProbe('ner', 'dwatt', 1));
  const script = path.join(__dirname, 'save-probe-loop.ts');
  const writers = [11, 12, 13].map(
    (seed) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, dir, '25', String(seed)], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      }),
  );
  let done = false;
  void Promise.all(writers).then(() => (done = true));
  const seeds = new Set<number>();
  let reads = 0;
  while (!done) {
    const probe = loadProbe(dir, identity);
    assert.equal(listProbeFolders(path.dirname(dir)).length, 1);
    seeds.add(probe.config.seed);
    reads++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const writer of await Promise.all(writers)) assert.equal(writer.code, 0, writer.stderr);
  assert.ok(reads > 10, `${reads} reads`);
  assert.ok(seeds.size > 1, 'the reader saw the writers at work');
  assert.deepEqual(fs.readdirSync(path.dirname(dir)), ['ner-dwatt'], 'no temporary, swapped-out or lock entry left');
  assert.ok([11, 12, 13].includes(loadProbe(dir, identity).config.seed));
});

test('weights that are not exactly the strategy\'s tensors and shapes are refused', () => {
  const parent = tempDir();
  const scalarmix = path.join(parent, 'ner-scalarmix');
  const dwatt = path.join(parent, 'ner-dwatt');
  saveProbe(scalarmix, makeProbe('ner', 'scalarmix', 1));
  saveProbe(dwatt, makeProbe('ner', 'dwatt', 1));
  fs.copyFileSync(path.join(dwatt, WEIGHTS_FILE), path.join(scalarmix, WEIGHTS_FILE));
  refused(scalarmix, /weights\.safetensors: it has no tensor "scalarmix\.s", "scalarmix\.gamma"; these are not the weights of a ner scalarmix probe/);
  const extra = new Map([...decodeSafetensors(fs.readFileSync(path.join(dwatt, WEIGHTS_FILE)), 'w')]);
  saveProbe(scalarmix, makeProbe('ner', 'scalarmix', 1));
  for (const [name, tensor] of decodeSafetensors(fs.readFileSync(path.join(scalarmix, WEIGHTS_FILE)), 'w')) extra.set(name, tensor);
  fs.writeFileSync(path.join(scalarmix, WEIGHTS_FILE), encodeSafetensors(extra));
  refused(scalarmix, /it has tensors the ner scalarmix head does not have \("dwatt\./);
  fs.copyFileSync(path.join(scalarmix, WEIGHTS_FILE), path.join(dwatt, WEIGHTS_FILE));
  refused(dwatt, /it has tensors the ner dwatt head does not have \("scalarmix\.s", "scalarmix\.gamma"\)/);
  const mean = path.join(parent, 'sentiment-mean');
  saveProbe(mean, makeProbe('sentiment', 'mean', 1));
  const reshaped = new Map(
    [...decodeSafetensors(fs.readFileSync(path.join(mean, WEIGHTS_FILE)), 'w')].map(([name, t]) => [name, t.shape.length === 2 ? { ...t, shape: [t.shape[1], t.shape[0]] } : t]),
  );
  fs.writeFileSync(path.join(mean, WEIGHTS_FILE), encodeSafetensors(reshaped));
  refused(mean, /tensor ".*" has shape \[\d+, \d+\], the head needs \[\d+, \d+\]/);
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
