import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ProbeLensError } from '../../../src/core/errors';
import { RunLog, runExperiment, type ExperimentRequest } from '../../../src/core/experiments';
import { reportMarkdown } from '../../../src/core/experiments/report-markdown';
import type { Encoder } from '../../../src/core/encoders/types';
import { FakeEncoder, fakeIdentity } from '../train/fake-encoder';
import { conllFile, sentimentFile, tempDir } from './fake-files';

/** Fake encoders that count the texts they encode and how often they are opened. */
function encoders() {
  const counts = { opened: 0, texts: 0 };
  const openEncoder = async (model: string): Promise<Encoder> => {
    counts.opened++;
    const encoder = new FakeEncoder(fakeIdentity({ name: model, family: model.includes('gpt') ? 'gpt2' : 'bert', fingerprint: model.padEnd(64, '0') }));
    const encode = encoder.encode.bind(encoder);
    encoder.encode = async (texts, options) => {
      counts.texts += texts.length;
      return encode(texts, options);
    };
    return encoder;
  };
  return { counts, openEncoder };
}

const quickSchedule = { minSteps: 6, maxSteps: 12, evaluateEvery: 3 };

function request(dir: string, overrides: Partial<ExperimentRequest> = {}): ExperimentRequest {
  return {
    kind: 'fusion',
    models: ['/models/fake-bert', '/models/fake-gpt'],
    openEncoder: encoders().openEncoder,
    trainFile: conllFile(dir, 'train.conll', 80, 1),
    devFile: conllFile(dir, 'dev.conll', 30, 2),
    sizes: [10, 40],
    seeds: 2,
    schedule: quickSchedule,
    cacheDir: path.join(dir, 'features'),
    commandLine: 'probe-lens experiment fusion (test)',
    ...overrides,
  };
}

test('fusion: features are extracted once per encoder and file and shared by every head, size and seed', async () => {
  const dir = tempDir();
  const { counts, openEncoder } = encoders();
  const results = await runExperiment(request(dir, { openEncoder, selectionSize: 20 }));
  // Every example some run uses (the union of both seeds' subsets), plus the dev file, once per encoder.
  assert.equal(counts.opened, 2);
  assert.equal(counts.texts, 2 * (results.datasets.train.used + 30));
  assert.ok(results.datasets.train.used >= 40 && results.datasets.train.used <= 80);
  assert.equal(results.runs.length, 2 * 2 * 2 * 5);
  assert.equal(results.cells.length, 2 * 2 * 5);
  assert.deepEqual(results.seeds, [1, 2]);
  assert.equal(results.datasets.selection.examples, 20);
  assert.match(results.datasets.train.sha256, /^[0-9a-f]{64}$/);
  for (const run of results.runs) {
    assert.ok(run.metrics.f1 >= 0 && run.metrics.f1 <= 1);
    assert.ok(run.selection.curve.every(([step]) => step % 3 === 0 || step === run.selection.steps));
    assert.equal(run.layerWeights !== undefined, run.strategy === 'dwatt' || run.strategy === 'scalarmix');
  }
  const alpha = results.runs.find((r) => r.strategy === 'dwatt')!.layerWeights!;
  assert.equal(alpha.length, 5);
  assert.ok(Math.abs(alpha.reduce((a, b) => a + b) - 1) < 1e-5, 'mean α sums to 1');
  assert.deepEqual(results.encoders.map((e) => e.label), ['fake-bert', 'fake-gpt']);
  assert.equal(results.encoders[0].parameterCounts.dwatt, results.cells.find((c) => c.strategy === 'dwatt')!.parameterCount);
  assert.deepEqual(results.charts.map((c) => c.id), ['f1-vs-size-fake-bert', 'dwatt-alpha-fake-bert', 'f1-vs-size-fake-gpt', 'dwatt-alpha-fake-gpt']);
  assert.deepEqual(results.claims.map((c) => c.id), ['fusion-beats-deeper-baseline', 'dwatt-overtakes-concat']);
  assert.deepEqual(JSON.parse(JSON.stringify(results)).plans.length, 5 * 2);

  // The same experiment again reads every feature back from the cache and reproduces every score.
  const again = encoders();
  const repeated = await runExperiment(request(dir, { openEncoder: again.openEncoder, selectionSize: 20 }));
  assert.equal(again.counts.texts, 0);
  assert.ok(repeated.encoders.every((e) => e.featuresReused));
  assert.deepEqual(repeated.runs.map((r) => r.metrics), results.runs.map((r) => r.metrics));
});

test('pooling with one seed: std is n/a (never 0 or NaN) and verdicts say why they cannot judge', async () => {
  const dir = tempDir();
  const results = await runExperiment(
    request(dir, { kind: 'pooling', trainFile: sentimentFile(dir, 'train.tsv', 120, 1), devFile: sentimentFile(dir, 'dev.tsv', 40, 2), sizes: [20, 60], seeds: 1 }),
  );
  assert.ok(results.cells.every((c) => c.metrics.accuracy.std === null && c.metrics.macroF1.std === null));
  assert.ok(results.claims.every((c) => c.verdict === 'inconclusive' || c.verdict === 'not testable'));
  const report = reportMarkdown(results);
  assert.match(report, /\| mean \| 18 \| \d+\.\d ± n\/a \| \d+\.\d ± n\/a \|/);
  assert.doesNotMatch(report, /NaN|± 0\.0 /);
  assert.match(report, /## Claims/);
});

test('a size larger than the training file is capped with a notice, in the results and as an event', async () => {
  const dir = tempDir();
  const notices: string[] = [];
  const results = await runExperiment(
    request(dir, { sizes: [10, 500, 'all'], seeds: 1, onEvent: (e) => e.kind === 'notice' && notices.push(e.message) }),
  );
  assert.deepEqual(results.sizes, [{ requested: 10, used: 10 }, { requested: 500, used: 80 }]);
  assert.match(notices[0], /train\.conll: training size 500 is more than the 80 sentences in the file; using all 80\./);
  assert.match(notices[1], /Training sizes 500 and all both mean 80 sentences/);
  assert.deepEqual(results.notices, notices);
  assert.match(reportMarkdown(results), /\*\*Notices\*\*[\s\S]*using all 80/);
  assert.match(reportMarkdown(results), /Training sizes: 10, 500 → 80 sentences/);
});

test('a dev file with a label the training file lacks is an error naming the dev file and line, before any encoder runs', async () => {
  const dir = tempDir();
  const { counts, openEncoder } = encoders();
  const devFile = conllFile(dir, 'dev-with-org.conll', 5, 2, ['Acme\tB-ORG', 'rose\tO']);
  await assert.rejects(
    runExperiment(request(dir, { openEncoder, devFile })),
    (error: unknown) =>
      error instanceof ProbeLensError && error.code === 'data' && error.message.startsWith(`${devFile}:`) && /tag "B-ORG" is not among the training labels/.test(error.message),
  );
  assert.equal(counts.opened, 0);
});

test('with a run journal, an interrupted experiment resumes: finished runs are read back, a cut line is trained again', async () => {
  const dir = tempDir();
  const journal = path.join(dir, 'out', 'runs.jsonl');
  const first = await runExperiment(request(dir, { seeds: 1, runLog: new RunLog(journal, false) }));
  const lines = fs.readFileSync(journal, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, first.runs.length);
  // Interrupted while writing the last run.
  fs.writeFileSync(journal, `${lines.slice(0, -1).join('\n')}\n${lines[lines.length - 1].slice(0, 40)}`);
  const { counts, openEncoder } = encoders();
  const resumed = await runExperiment(request(dir, { seeds: 1, openEncoder, runLog: new RunLog(journal, true) }));
  assert.match(resumed.notices.at(-1)!, new RegExp(`^${first.runs.length - 1} of the ${first.runs.length} runs were read back`));
  assert.deepEqual(resumed.runs.map((r) => r.metrics), first.runs.map((r) => r.metrics));
  assert.equal(counts.texts, 0, 'features come from the cache');
  // A size added later reuses every run of the sizes before: a run does not depend on the sizes beside it.
  const grown = await runExperiment(request(dir, { seeds: 1, sizes: [10, 40, 'all'], runLog: new RunLog(journal, true) }));
  assert.match(grown.notices.at(-1)!, new RegExp(`^${first.runs.length} of the ${grown.runs.length} runs were read back`));
  // Another schedule changes every key: nothing is reused.
  const changed = await runExperiment(request(dir, { seeds: 1, schedule: { ...quickSchedule, maxSteps: 9 }, runLog: new RunLog(journal, true) }));
  assert.ok(!changed.notices.some((n) => n.includes('read back')));
  // A complete experiment leaves only its own runs in the journal.
  assert.equal(fs.readFileSync(journal, 'utf8').trimEnd().split('\n').length, changed.runs.length);
});
