import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OnnxRuntime } from '../../../src/core/encoders/session/session-options';
import type { HiddenStates } from '../../../src/core/encoders/types';
import { predictSentiment, predictTags } from '../../../src/core/heads/inference';
import type { HeadsGraph } from '../../../src/core/heads/graph/heads-graph';
import { HeadsSession } from '../../../src/core/heads/graph/heads-session';
import { OnnxHeads } from '../../../src/core/heads/graph/onnx-heads';
import { splitWords } from '../../../src/core/ner/words';
import { FakeEncoder, fakeIdentity } from '../train/fake-encoder';
import { maxAbsDiff, randomProbe } from './fixtures';

const encoder = new FakeEncoder(fakeIdentity());
const target = { fingerprint: encoder.identity.fingerprint, runtime: encoder.runtime };
const text = 'Ada Lovelace thought the plot was great';
const words = splitWords(text);
const fitTexts = ['a good film', 'Bad acting by Grace Hopper', 'Paris was fine'];

async function statesOf(value: string): Promise<HiddenStates> {
  return (await encoder.encode([value]))[0];
}

/** Session creation that counts calls and records which strategies each graph computes, with how many threads. */
function recordingSessions(): { create: (graph: HeadsGraph, runtime: OnnxRuntime) => Promise<HeadsSession>; graphs: string[][]; threads: number[] } {
  const graphs: string[][] = [];
  const threads: number[] = [];
  return {
    graphs,
    threads,
    create: (graph, runtime) => {
      graphs.push(graph.heads.map((h) => h.probe.config.strategy));
      threads.push(runtime.threads);
      return HeadsSession.create(graph, runtime);
    },
  };
}

describe('OnnxHeads: fallbacks and the session cache', () => {
  test('a head whose graph onnxruntime refuses runs in JS after one notice naming it; the rest still share a session', async () => {
    const mean = await randomProbe(encoder, 'sentiment', 'mean', 1, fitTexts);
    const dwatt = await randomProbe(encoder, 'ner', 'dwatt', 3, fitTexts);
    const scalarmix = await randomProbe(encoder, 'ner', 'scalarmix', 4, fitTexts);
    const notices: string[] = [];
    const sessions = recordingSessions();
    const refusing = (graph: HeadsGraph, runtime: OnnxRuntime) =>
      graph.heads.some((h) => h.probe === dwatt) ? Promise.reject(new Error('Could not find an implementation for Gelu')) : sessions.create(graph, runtime);
    const heads = new OnnxHeads({ log: (m) => notices.push(m), createSession: refusing });
    const states = await statesOf(text);
    for (let call = 0; call < 2; call++) {
      const { sentiment, tags } = await heads.predict(states, target, [mean], [dwatt, scalarmix], words);
      assert.deepEqual(tags[0], predictTags(states, dwatt, words));
      const js = predictSentiment(states, mean);
      assert.ok(maxAbsDiff(sentiment[0].probabilities.map((p) => p.probability), js.probabilities.map((p) => p.probability)) <= 1e-5);
      assert.ok(maxAbsDiff(tags[1].probabilities, predictTags(states, scalarmix, words).probabilities) <= 1e-5);
    }
    assert.deepEqual(sessions.graphs, [['mean'], ['scalarmix'], ['mean', 'scalarmix']]);
    assert.equal(notices.length, 1, notices.join('\n'));
    assert.match(notices[0], /onnxruntime refused the graph of the dwatt ner probe \(Could not find an implementation for Gelu\); it runs in JavaScript/);
  });

  test('a session that cannot be created: every head runs in JS, with one notice, and no retry per call', async () => {
    const probes = await Promise.all(['weighted', 'max'].map((s, i) => randomProbe(encoder, 'sentiment', s, 10 + i, fitTexts)));
    const ner = [await randomProbe(encoder, 'ner', 'scalarmix', 12, fitTexts)];
    const notices: string[] = [];
    let attempts = 0;
    const heads = new OnnxHeads({
      log: (m) => notices.push(m),
      createSession: () => {
        attempts++;
        return Promise.reject(new Error('no memory for the arena'));
      },
    });
    const states = await statesOf(text);
    for (let call = 0; call < 2; call++) {
      const { sentiment, tags } = await heads.predict(states, target, probes, ner, words);
      assert.deepEqual(sentiment, probes.map((p) => predictSentiment(states, p)));
      assert.deepEqual(tags, ner.map((p) => predictTags(states, p, words)));
    }
    assert.equal(attempts, 1 + 3, 'the set, then each head alone to find the refused ones; never again per call');
    assert.equal(notices.length, 1);
    assert.match(notices[0], /could not be created \(no memory for the arena\); they run in JavaScript/);
  });

  test('a session is built once per probe set; other weights or another set build their own, the oldest is dropped', async () => {
    const a = await randomProbe(encoder, 'sentiment', 'cls', 20, fitTexts);
    const b = await randomProbe(encoder, 'sentiment', 'cls', 21, fitTexts);
    const sessions = recordingSessions();
    const heads = new OnnxHeads({ capacity: 1, createSession: sessions.create, log: (m) => assert.fail(m) });
    const states = await statesOf(text);
    await heads.predict(states, target, [a], [], words);
    await heads.predict(states, target, [a], [], words);
    assert.equal(sessions.graphs.length, 1);
    await heads.predict(states, target, [b], [], words);
    assert.equal(sessions.graphs.length, 2, 'different weights, same strategy: a new graph');
    await heads.predict(states, target, [a], [], words);
    assert.equal(sessions.graphs.length, 3, 'capacity 1: the first set was evicted');
    await heads.predict(states, { ...target, fingerprint: 'another encoder' }, [a], [], words);
    assert.equal(sessions.graphs.length, 4, 'the encoder fingerprint is part of the key');
    await heads.predict(states, { ...target, runtime: { threads: 2, provider: 'cpu' } }, [a], [], words);
    assert.equal(sessions.graphs.length, 5, 'an encoder loaded with other threads gets a session with as many');
    assert.deepEqual(sessions.threads, [1, 1, 1, 1, 2]);
  });

  test('a text without words: the NER heads give no rows, pooling still runs in onnxruntime', async () => {
    const sessions = recordingSessions();
    const heads = new OnnxHeads({ createSession: sessions.create, log: (m) => assert.fail(m) });
    const mean = await randomProbe(encoder, 'sentiment', 'mean', 30, fitTexts);
    const concat = await randomProbe(encoder, 'ner', 'concat', 31, fitTexts);
    const states = await statesOf('...');
    const { sentiment, tags } = await heads.predict(states, target, [mean], [concat], []);
    assert.deepEqual(tags, [predictTags(states, concat, [])]);
    assert.equal(sentiment[0].strategy, 'mean');
    assert.deepEqual(sessions.graphs, [['mean']]);
  });
});
