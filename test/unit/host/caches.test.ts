import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LineTagsCache } from '../../../src/extension/hover/line-tags-cache';
import { NerProbeIndex } from '../../../src/extension/hover/ner-probe-index';
import { SupersedingLane } from '../../../src/extension/superseding-lane';

test('the line cache computes a key once, evicts the least recently used, and forgets failures', async () => {
  const cache = new LineTagsCache<string>(2);
  let computed = 0;
  const compute = (value: string) => () => {
    computed++;
    return Promise.resolve(value);
  };
  assert.equal(await cache.get('a', compute('A')), 'A');
  assert.equal(await cache.get('a', compute('other')), 'A');
  await cache.get('b', compute('B'));
  await cache.get('a', compute('A')); // a is now the most recent
  await cache.get('c', compute('C')); // evicts b
  assert.equal(computed, 3);
  assert.equal(await cache.get('b', compute('B2')), 'B2');
  assert.equal(cache.size, 2);

  await assert.rejects(cache.get('bad', () => Promise.reject(new Error('worker down'))));
  assert.equal(await cache.get('bad', compute('recovered')), 'recovered');
  cache.clear();
  assert.equal(cache.size, 0);
});

test('a lane aborts the work in flight when new work starts', async () => {
  const lane = new SupersedingLane();
  const signals: AbortSignal[] = [];
  let release: () => void = () => undefined;
  const first = lane.run(
    (signal) =>
      new Promise<string>((resolve, reject) => {
        signals.push(signal);
        signal.addEventListener('abort', () => reject(new Error('aborted')));
        release = () => resolve('first');
      }),
  );
  const second = lane.run(async (signal) => {
    signals.push(signal);
    return 'second';
  });
  await assert.rejects(first, /aborted/);
  assert.equal(await second, 'second');
  assert.deepEqual(signals.map((s) => s.aborted), [true, false]);
  release();
});

test('the NER probe index sees probe folders of any encoder, ignores partial ones, and rereads when invalidated', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'probe-lens-index-'));
  try {
    const index = new NerProbeIndex(root);
    assert.equal(await index.has('dwatt'), false, 'an empty (or missing) folder has no probes');
    mkdirSync(path.join(root, 'tiny-bert-fp32-abc', 'ner-dwatt.tmp-1-ff'), { recursive: true });
    mkdirSync(path.join(root, 'tiny-bert-fp32-abc', 'sentiment-mean'), { recursive: true });
    mkdirSync(path.join(root, 'tiny-gpt2-fp32-def', 'ner-last+mlp'), { recursive: true });
    writeFileSync(path.join(root, 'stray-file'), '');
    assert.equal(await index.has('last+mlp'), false, 'answers from its last reading until invalidated');
    index.invalidate();
    assert.equal(await index.has('last+mlp'), true);
    assert.equal(await index.has('dwatt'), false, 'a temporary folder is not a probe');
    assert.equal(await index.has('mean'), false, 'sentiment probes do not count');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
