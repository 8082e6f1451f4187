import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Encoder } from '../../../src/core/encoders/types';
import type { EncoderSpec, RuntimeOptions, WorkerRequestOf } from '../../../src/protocol/worker';
import type { RequestContext } from '../../../src/worker/context';
import type { EncoderPool } from '../../../src/worker/encoder-pool';
import { handleSweep } from '../../../src/worker/handle-sweep';
import type { ProbeCache } from '../../../src/worker/probe-cache';
import { DATA_DIR } from '../../shared-path';
import { FakeEncoder, fakeIdentity } from '../train/fake-encoder';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-handle-sweep-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** The worker's context with stand-in encoders by name (the encoder pool is the only part the sweep loads from). */
function context(encoders: Record<string, Encoder>, progress: string[]): RequestContext {
  const runtime: RuntimeOptions = { cacheDir: path.join(work, 'cache'), probesRoot: path.join(work, 'probes'), featuresDir: path.join(work, 'features'), offline: true, threads: 1, provider: 'cpu' };
  const pool = { get: async (spec: EncoderSpec) => ({ encoder: encoders[spec.name], loadMs: 0 }) } as unknown as EncoderPool;
  return { runtime, signal: new AbortController().signal, progress: ({ message }) => progress.push(message), encoders: pool, probes: {} as ProbeCache, othersSettled: async () => undefined };
}

function request(names: string[]): WorkerRequestOf<'sweep'> {
  const sst2 = { kind: 'files' as const, train: path.join(DATA_DIR, 'sst2', 'train.tsv'), dev: path.join(DATA_DIR, 'sst2', 'dev.tsv'), labelNames: { 0: 'negative', 1: 'positive' } };
  return { kind: 'sweep', encoders: names.map((name) => ({ name })), tasks: ['sentiment'], data: { sentiment: sst2, ner: sst2 }, fewShotSize: 30, seed: 13 };
}

describe('the worker answers Sweep Layers', () => {
  const deep = new FakeEncoder(fakeIdentity({ name: 'deep', layers: 3 }));
  const shallow = new FakeEncoder(fakeIdentity({ name: 'shallow', layers: 1, fingerprint: 'e'.repeat(64) }));

  it('sweeps each encoder on the few-shot sample, and skips a one-layer encoder with the message that there is nothing to sweep', async () => {
    const progress: string[] = [];
    const response = await handleSweep(request(['shallow', 'deep']), context({ deep, shallow }, progress));
    assert.deepEqual(response.sweeps.map((s) => [s.encoder, s.task, s.sweep.layerCount, s.sweep.trainExamples]), [['deep', 'sentiment', 4, 30]]);
    assert.deepEqual(response.skipped, [{ encoder: 'shallow', message: 'shallow has 1 layer: there is nothing to sweep (a sweep compares the layers of a deeper encoder).' }]);
    assert.ok(progress.some((message) => /^deep · sentiment: mean probe of layer 0/.test(message)), progress.join('\n'));
  });

  it('with only one-layer encoders, the request fails with that message', async () => {
    await assert.rejects(handleSweep(request(['shallow']), context({ shallow }, [])), /shallow has 1 layer: there is nothing to sweep/);
  });
});
