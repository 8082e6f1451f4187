import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isCancelled, ProbeLensError } from '../../../src/core/errors';
import { compareText, truncateText } from '../../../src/core/compare';
import { strategiesFor } from '../../../src/core/heads/registry';
import { encoderKey, loadProbeSet, probesDirFor } from '../../../src/core/probe-set';
import { trainProbes } from '../../../src/core/train/train-probes';
import { fakeNer, fakeSentiment } from '../train/fake-data';
import { FakeEncoder, fakeIdentity } from '../train/fake-encoder';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const encoder = new FakeEncoder(fakeIdentity());
const probesDir = probesDirFor(root, encoder.identity);
const fast = { epochs: 4, learningRate: 0.02 };

before(async () => {
  const cacheDir = path.join(root, 'cache');
  await trainProbes({ encoder, task: 'sentiment', train: fakeSentiment(80, 1), dev: fakeSentiment(30, 2, 'dev.tsv'), outDir: probesDir, cacheDir, hyperparameters: fast });
  await trainProbes({ encoder, task: 'ner', train: fakeNer(60, 1), dev: fakeNer(20, 2, 'dev.conll'), outDir: probesDir, cacheDir, hyperparameters: fast });
});

describe('cls pooling on a causal model', () => {
  test('is explained next to the result: the first token sees nothing else', async () => {
    const causal = new FakeEncoder(fakeIdentity({ name: 'fake-llama', family: 'llama' }));
    const dir = probesDirFor(root, causal.identity);
    const cacheDir = path.join(root, 'cache-causal');
    await trainProbes({ encoder: causal, task: 'sentiment', train: fakeSentiment(40, 3), dev: fakeSentiment(20, 4, 'dev.tsv'), outDir: dir, cacheDir, strategies: ['cls', 'last'], hyperparameters: fast });
    const { probes } = loadProbeSet(dir, causal.identity);
    const withCls = await compareText('a fine text', [{ encoder: causal, probes }]);
    assert.ok(withCls.notices.some((n) => /fake-llama is a causal llama model: cls pooling reads the first token, which sees no other token/.test(n)), withCls.notices.join('\n'));
    const lastOnly = await compareText('a fine text', [{ encoder: causal, probes }], { pooling: ['last'] });
    assert.deepEqual(lastOnly.notices, []);
    const bert = await compareText('a fine text', [{ encoder, probes: loadProbeSet(probesDir, encoder.identity).probes }], { pooling: ['cls'] });
    assert.deepEqual(bert.notices, [], 'no notice for a bidirectional encoder');
  });
});

describe('compareText: one encoder pass serves every probe', () => {
  test('every strategy of both tasks, in the asked order, from a single encode call', async () => {
    const { probes, skipped } = loadProbeSet(probesDir, encoder.identity);
    assert.deepEqual(skipped, []);
    const calls = encoder.encodeCalls;
    const text = 'Ada Lovelace thought the plot was great';
    const pooling = ['weighted', 'mean', 'max', 'cls', 'last', 'attention', 'sum', 'weightedmean', 'mean+max'];
    const fusion = ['dwatt', 'scalarmix', 'concat', 'last', 'last+mlp'];
    const result = await compareText(text, [{ encoder, probes, loadMs: 5 }], { pooling, fusion });
    assert.equal(encoder.encodeCalls - calls, 1);
    const [only] = result.encoders;
    assert.deepEqual(only.sentiment.map((s) => s.strategy), pooling);
    assert.deepEqual(only.ner.map((n) => n.strategy), fusion);
    assert.deepEqual(only.missing, []);
    assert.equal(only.timings.loadMs, 5);
    for (const s of only.sentiment) {
      const total = s.probabilities.reduce((sum, p) => sum + p.probability, 0);
      assert.ok(Math.abs(total - 1) < 1e-5, `${s.strategy} probabilities sum to ${total}`);
      assert.equal(s.tokenWeights !== undefined, s.strategy === 'weighted' || s.strategy === 'attention');
    }
    for (const n of only.ner) {
      assert.equal(n.words.length, 7);
      for (const w of n.words) assert.ok(text.slice(w.start, w.end).trim().length > 0);
      for (const span of n.spans) assert.equal(text.slice(span.start, span.end), span.text);
    }
    assert.equal(only.ner.find((n) => n.strategy === 'dwatt')!.layerWeights?.kind, 'per-word');
    assert.equal(only.ner.find((n) => n.strategy === 'scalarmix')!.layerWeights?.kind, 'global');
    // Plain data: it survives JSON unchanged (it crosses the worker and webview boundaries).
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
  });

  test('a task without probes, or a strategy without one, is reported as missing', async () => {
    const { probes } = loadProbeSet(probesDir, encoder.identity);
    const sentimentOnly = probes.filter((p) => p.config.task === 'sentiment');
    const result = await compareText('good film', [{ encoder, probes: sentimentOnly }], { pooling: ['mean', 'nope'] });
    const [only] = result.encoders;
    assert.deepEqual(only.sentiment.map((s) => s.strategy), ['mean']);
    assert.deepEqual(only.missing.map((m) => m.task), ['sentiment', 'ner']);
    assert.match(only.missing[0].reason, /nope/);
    assert.match(only.missing[1].reason, /No NER/);
  });

  test('probes of another encoder are skipped with the reason, not used', () => {
    const other = { ...encoder.identity, fingerprint: '0'.repeat(64) };
    const set = loadProbeSet(probesDir, other);
    assert.equal(set.probes.length, 0);
    assert.equal(set.skipped.length, strategiesFor('sentiment').length + strategiesFor('ner').length);
    assert.ok(set.skipped.every((s) => /encoder|fingerprint/i.test(s)), set.skipped[0]);
    assert.notEqual(encoderKey(other), encoderKey(encoder.identity));
  });

  test('a missing probes folder is an empty set', () => {
    assert.deepEqual(loadProbeSet(path.join(root, 'nothing-here'), encoder.identity), { probes: [], skipped: [] });
  });

  test('empty and whitespace-only text are refused clearly', async () => {
    for (const text of ['', '  \n\t ']) {
      await assert.rejects(compareText(text, [{ encoder, probes: [] }]), (e) => e instanceof ProbeLensError && e.code === 'bad-input');
    }
  });

  test('long text is cut at the limit with a notice', async () => {
    const text = 'good '.repeat(100);
    const result = await compareText(text, [{ encoder, probes: [] }], { maxChars: 52 });
    assert.ok(result.text.length <= 52 && result.text.length >= 46, `${result.text.length}`);
    assert.match(result.notices[0], /500 characters; only the first/);
  });

  test('truncation never splits a surrogate pair', () => {
    assert.equal(truncateText('ab🚀cd', 3), 'ab');
    assert.equal(truncateText('ab🚀cd', 4), 'ab🚀');
  });

  test('a cancelled request stops with a cancelled error', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(compareText('good', [{ encoder, probes: [] }], { signal: controller.signal }), (e) => isCancelled(e));
  });
});
