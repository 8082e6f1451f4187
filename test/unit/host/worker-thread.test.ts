import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';
import { WorkerClient, WorkerError } from '../../../src/extension/worker-client';
import type { CompareRequest, RuntimeOptions, TrainRequest, WorkerProgress } from '../../../src/worker/protocol';
import { DATA_DIR, TINY_BERT, TINY_GPT2 } from '../../shared-path';

/**
 * The real worker thread (src/worker/main.ts, bundled as the extension bundles it) on the shared tiny
 * encoders, driven through the host's client: compare, tag, train and cancel.
 */
const repo = path.resolve(__dirname, '..', '..', '..');
// Inside the checkout, so the bundle finds onnxruntime-node in node_modules as dist/worker.js does.
const folder = path.join(repo, '.scratch', `unit-worker-${process.pid}`);
const workerFile = path.join(folder, 'worker.js');
const runtime: RuntimeOptions = {
  cacheDir: path.join(folder, 'cache'),
  probesRoot: path.join(folder, 'probes'),
  featuresDir: path.join(folder, 'features'),
  offline: true,
  threads: 1,
  provider: 'cpu',
};
const encoders = [{ name: TINY_BERT }, { name: TINY_GPT2 }];
let client: WorkerClient;

before(async () => {
  mkdirSync(folder, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(repo, 'src/worker/main.ts')],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['onnxruntime-node', '@huggingface/transformers'],
    logLevel: 'error',
  });
  client = new WorkerClient(workerFile, () => runtime);
});

after(async () => {
  await client.dispose();
  rmSync(folder, { recursive: true, force: true });
});

function trainRequest(fewShotSize: number): TrainRequest {
  return {
    kind: 'train',
    encoders: [{ name: TINY_BERT }],
    tasks: ['sentiment', 'ner'],
    strategies: { sentiment: ['mean', 'weighted'], ner: ['last', 'scalarmix'] },
    data: {
      sentiment: { kind: 'files', train: path.join(DATA_DIR, 'sst2', 'train.tsv'), dev: path.join(DATA_DIR, 'sst2', 'dev.tsv') },
      ner: { kind: 'files', train: path.join(DATA_DIR, 'conll2003', 'eng.train'), dev: path.join(DATA_DIR, 'conll2003', 'eng.testa') },
    },
    fewShotSize,
    seed: 7,
  };
}

/** Every folder under the probes root is a complete probe: no temporary or half-written folder. */
function assertOnlyCompleteProbes(): string[] {
  const probes: string[] = [];
  for (const encoder of existsSync(runtime.probesRoot) ? readdirSync(runtime.probesRoot) : []) {
    for (const probe of readdirSync(path.join(runtime.probesRoot, encoder))) {
      const dir = path.join(runtime.probesRoot, encoder, probe);
      assert.doesNotMatch(probe, /\.(tmp|old)-/, `left behind: ${dir}`);
      assert.deepEqual(readdirSync(dir).sort(), ['config.json', 'weights.safetensors'], dir);
      probes.push(probe);
    }
  }
  return probes;
}

test('with no probes, a comparison still encodes with both encoders and says which tasks lack probes', async () => {
  const progress: WorkerProgress[] = [];
  const { result, failedEncoders } = await client.request(
    { kind: 'compare', text: 'Anna moved from Berlin to Lisbon.', encoders, pooling: ['mean'], fusion: ['dwatt'], maxChars: 1000 },
    { onProgress: (p) => progress.push(p) },
  );
  assert.deepEqual(failedEncoders, []);
  assert.deepEqual(result.encoders.map((e) => e.encoder.name), [TINY_BERT, TINY_GPT2]);
  for (const encoder of result.encoders) {
    assert.ok(encoder.tokens.length > 5);
    assert.deepEqual(encoder.missing.map((m) => m.task), ['sentiment', 'ner']);
    assert.match(encoder.missing[0].reason, /No sentiment \(pooling\) probes are trained/);
  }
  assert.ok(progress.some((p) => /Loading tiny-bert-uncased/.test(p.message)), JSON.stringify(progress));
});

test('an encoder folder that does not exist is named in the error, and the other encoder is still compared', async () => {
  const missing = path.join(folder, 'no-such-model');
  const both = await client.request({ kind: 'compare', text: 'Hello there.', encoders: [{ name: missing }, encoders[0]], pooling: [], fusion: [], maxChars: 1000 });
  assert.equal(both.result.encoders.length, 1);
  assert.equal(both.failedEncoders[0].error.code, 'model-not-found');
  assert.ok(both.result.notices.some((n) => n.includes(missing) && n.includes('does not exist')), both.result.notices.join('\n'));
  await assert.rejects(
    client.request({ kind: 'compare', text: 'Hello there.', encoders: [{ name: missing }], pooling: [], fusion: [], maxChars: 1000 }),
    (error: unknown) => error instanceof WorkerError && error.code === 'model-not-found' && error.message.includes(missing),
  );
});

test('a reset while a comparison runs lets it finish with its encoders; the next request loads afresh', async () => {
  const request: CompareRequest = { kind: 'compare', text: 'Reset me gently.', encoders, pooling: [], fusion: [], maxChars: 1000 };
  const [compared, reset] = await Promise.all([client.request(request), client.request({ kind: 'reset' })]);
  assert.equal(compared.result.encoders.length, 2);
  assert.equal(reset, null);
  const again = await client.request(request);
  assert.ok(again.result.encoders.every((e) => e.timings.loadMs > 0), 'the encoders were loaded again');
});

test('tagging without an NER probe answers "not available" with the reason instead of failing', async () => {
  const response = await client.request({ kind: 'tag', texts: ['Anna lives in Berlin.'], encoder: encoders[0], strategy: 'last' });
  assert.equal(response.available, false);
  assert.match(response.reason ?? '', /No last NER probe is trained for tiny-bert-uncased/);
});

test('cancelling a training halfway rejects as cancelled and leaves only complete probes', async () => {
  const controller = new AbortController();
  const training = client.request(trainRequest(24), {
    signal: controller.signal,
    // Halfway: the sentiment unit (the first half) is done, so its probes are saved; NER is not.
    onProgress: ({ fraction }) => {
      if ((fraction ?? 0) >= 0.5) controller.abort();
    },
  });
  await assert.rejects(training, (error: unknown) => error instanceof WorkerError && error.code === 'cancelled');
  // The worker stops at its next check; give it a moment before looking at the folder.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const probes = assertOnlyCompleteProbes();
  assert.ok(probes.includes('sentiment-mean'), `probes after the cancel: ${probes.join(', ')}`);
  assert.ok(!probes.includes('ner-scalarmix'), 'the last probe cannot have been trained before the cancel');
});

test('after training, comparisons and tags use the new probes (unicode text included)', async () => {
  const trained = await client.request(trainRequest(24));
  assert.deepEqual(
    trained.runs.map((run) => [run.task, run.probes.map((p) => p.strategy)]),
    [['sentiment', ['mean', 'weighted']], ['ner', ['last', 'scalarmix']]],
  );
  assert.deepEqual(assertOnlyCompleteProbes().sort(), ['ner-last', 'ner-scalarmix', 'sentiment-mean', 'sentiment-weighted']);

  const text = 'Anna 😀 moved from Berlin to 東京. مرحبا بالعالم';
  const { result } = await client.request({ kind: 'compare', text, encoders: [encoders[0]], pooling: ['weighted', 'mean'], fusion: ['scalarmix', 'last'], maxChars: 1000 });
  const [bert] = result.encoders;
  assert.deepEqual(bert.sentiment.map((s) => s.strategy), ['weighted', 'mean']);
  assert.deepEqual(bert.ner.map((n) => n.strategy), ['scalarmix', 'last']);
  assert.deepEqual(bert.missing, []);
  for (const ner of bert.ner) {
    for (const word of ner.words) assert.ok(word.start >= 0 && word.end <= text.length && word.start < word.end);
  }
  const tagged = await client.request({ kind: 'tag', texts: [text, '   '], encoder: encoders[0], strategy: 'last' });
  assert.equal(tagged.available, true);
  assert.deepEqual(tagged.words[0], bert.ner[1].words, 'the hover tags are the comparison\'s tags');
  assert.deepEqual(tagged.words[1], []);
});
