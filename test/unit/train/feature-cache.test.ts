import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { isCancelled } from '../../../src/core/errors';
import { loadOrExtractFeatures } from '../../../src/core/train/features/feature-cache';
import type { FeatureSource } from '../../../src/core/train/features/features';
import { FakeEncoder, fakeIdentity } from './fake-encoder';

const created: string[] = [];
after(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feature-cache-'));
  created.push(dir);
  return dir;
}

const texts = ['good movie', 'a really awful plot', 'fine', 'the acting was somewhat poor indeed'];
const sentences = [
  ['Paris', 'is', 'wonderful'],
  ['Roberto', 'visited', 'Kinshasa', '.'],
];

test('sentence-tokens keeps the last layer of every token; a second call reads the cache', async () => {
  const cacheDir = tempDir();
  const encoder = new FakeEncoder(fakeIdentity());
  const source: FeatureSource = { kind: 'sentence-tokens', texts };
  const first = await loadOrExtractFeatures(encoder, source, { cacheDir, chunkSize: 3 });
  assert.equal(first.reused, false);
  assert.equal(encoder.encodeCalls, 2);
  const [states] = await encoder.encode([texts[1]]);
  const read = first.read([1]);
  assert.equal(first.numLayers, 1);
  assert.equal(read.offsets[1], states.tokens.length);
  const top = states.layers[states.numLayers - 1];
  for (let i = 0; i < top.length; i++) assert.ok(Math.abs(read.layers[0][i] - top[i]) <= Math.abs(top[i]) * 2 ** -11 + 1e-7);
  const calls = encoder.encodeCalls;
  const second = await loadOrExtractFeatures(encoder, source, { cacheDir });
  assert.equal(second.reused, true);
  assert.equal(encoder.encodeCalls, calls, 'no encoder pass on a cache hit');
  assert.deepEqual(second.read([3, 0]), first.read([3, 0]), 'a cache hit reads the very same values');
});

test('word-layers keeps every layer of each word at its first subword', async () => {
  const encoder = new FakeEncoder(fakeIdentity());
  const features = await loadOrExtractFeatures(encoder, { kind: 'word-layers', sentences }, { cacheDir: tempDir() });
  assert.equal(features.numLayers, 5);
  assert.deepEqual(Array.from(features.rowCounts), [3, 4]);
  // "Roberto", "visited" and "Kinshasa" are split in two by the fake tokenizer: their first halves count.
  const [states] = await encoder.encode(['Roberto visited Kinshasa .']);
  const firstSubwords = [1, 3, 5, 7];
  assert.deepEqual(
    firstSubwords.map((t) => states.tokens[t].text),
    ['Robe', 'visi', 'Kins', '.'],
  );
  const { layers } = features.read([1]);
  const d = 8;
  for (let l = 0; l < 5; l++) {
    firstSubwords.forEach((t, w) => {
      for (let j = 0; j < d; j++) {
        const want = states.layers[l][t * d + j];
        assert.ok(Math.abs(layers[l][w * d + j] - want) <= Math.abs(want) * 2 ** -11 + 1e-7, `layer ${l} word ${w}`);
      }
    });
  }
});

test('over the memory budget, minibatches come from disk with identical values', async () => {
  const cacheDir = tempDir();
  const encoder = new FakeEncoder(fakeIdentity());
  const source: FeatureSource = { kind: 'word-layers', sentences };
  const inMemory = await loadOrExtractFeatures(encoder, source, { cacheDir });
  const onDisk = await loadOrExtractFeatures(encoder, source, { cacheDir, memoryBudgetBytes: 100 });
  const fresh = await loadOrExtractFeatures(encoder, source, { cacheDir: tempDir(), memoryBudgetBytes: 100 });
  assert.equal(inMemory.inMemory, true);
  assert.equal(onDisk.inMemory, false);
  assert.equal(fresh.inMemory, false);
  assert.deepEqual(onDisk.read([1, 0, 1]), inMemory.read([1, 0, 1]));
  assert.deepEqual(fresh.read([0]), inMemory.read([0]));
  onDisk.close();
  fresh.close();
});

test('another encoder or another dataset gets its own cache entry', async () => {
  const cacheDir = tempDir();
  const a = await loadOrExtractFeatures(new FakeEncoder(fakeIdentity()), { kind: 'sentence-tokens', texts }, { cacheDir });
  const b = await loadOrExtractFeatures(new FakeEncoder(fakeIdentity({ fingerprint: '0'.repeat(64) })), { kind: 'sentence-tokens', texts }, { cacheDir });
  const c = await loadOrExtractFeatures(new FakeEncoder(fakeIdentity()), { kind: 'sentence-tokens', texts: texts.slice(1) }, { cacheDir });
  assert.equal(new Set([a.key, b.key, c.key]).size, 3);
  assert.deepEqual([a.reused, b.reused, c.reused], [false, false, false]);
});

test('cancelling an extraction leaves no cache folder behind, and a damaged cache is rebuilt', async () => {
  const cacheDir = tempDir();
  const encoder = new FakeEncoder(fakeIdentity());
  const controller = new AbortController();
  const many = Array.from({ length: 50 }, (_, i) => `text number ${i}`);
  await assert.rejects(
    loadOrExtractFeatures(encoder, { kind: 'sentence-tokens', texts: many }, {
      cacheDir,
      chunkSize: 5,
      signal: controller.signal,
      onProgress: (done) => done >= 10 && controller.abort(),
    }),
    (error) => isCancelled(error),
  );
  assert.deepEqual(fs.readdirSync(cacheDir), []);
  const built = await loadOrExtractFeatures(encoder, { kind: 'sentence-tokens', texts }, { cacheDir });
  const file = path.join(cacheDir, built.key, 'features.f16');
  fs.truncateSync(file, 10);
  const rebuilt = await loadOrExtractFeatures(encoder, { kind: 'sentence-tokens', texts }, { cacheDir });
  assert.equal(rebuilt.reused, false);
  assert.deepEqual(rebuilt.read([0, 1, 2, 3]), built.read([0, 1, 2, 3]));
});
