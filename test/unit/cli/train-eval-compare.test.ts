import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { strategiesFor } from '../../../src/core/heads/registry';
import { literal } from '../../literal';
import { type Task } from '../../../src/core/task';
import type { CompareResult } from '../../../src/core/result';
import { DATA_DIR, TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { cli, tempDir, type Run } from './run-cli';

const cacheDir = tempDir();
const out = path.join(cacheDir, 'probes-bert');
const SST2 = { train: path.join(DATA_DIR, 'sst2', 'train.tsv'), dev: path.join(DATA_DIR, 'sst2', 'dev.tsv') };
const CONLL = { train: path.join(DATA_DIR, 'conll2003', 'eng.train'), dev: path.join(DATA_DIR, 'conll2003', 'eng.testa') };
// Small enough for seconds per task; every head of both tasks still trains, saves and scores.
const LIMIT = '30';
const TEXT = 'Ada Lovelace wrote the first computer program in London, and it was brilliant.';

interface TrainSummary {
  task: Task;
  model: string;
  labels: string[];
  probes: { strategy: string; dir: string; parameterCount: number; metrics: Record<string, number> }[];
}

const withCache = (args: string[]) => [...args, '--cache-dir', cacheDir];

function ok(run: Run): Run {
  assert.equal(run.code, 0, `exit ${run.code}\n${run.stderr}`);
  return run;
}

async function train(task: Task, files: { train: string; dev: string }, json = true): Promise<Run> {
  const args = ['train', '-m', TINY_BERT, '--task', task, '--train', files.train, '--dev', files.dev, '--limit', LIMIT, '--out', out];
  return ok(await cli(withCache(json ? [...args, '--json'] : args)));
}

describe('probe-lens train, eval and compare on the tiny BERT', () => {
  const trained = new Map<Task, TrainSummary>();
  before(async () => {
    for (const [task, files] of [['sentiment', SST2], ['ner', CONLL]] as const) {
      trained.set(task, JSON.parse((await train(task, files)).stdout) as TrainSummary);
    }
  });

  test('train --json saves one complete probe folder per strategy and reports its dev scores', () => {
    for (const task of ['sentiment', 'ner'] as const) {
      const summary = trained.get(task)!;
      assert.equal(summary.task, task);
      assert.equal(summary.model, TINY_BERT);
      assert.deepEqual(summary.probes.map((p) => p.strategy), [...strategiesFor(task)]);
      for (const probe of summary.probes) {
        assert.equal(probe.dir, path.join(out, `${task}-${probe.strategy}`));
        const config = JSON.parse(fs.readFileSync(path.join(probe.dir, 'config.json'), 'utf8')) as { parameterCount: number; metrics: object };
        assert.equal(config.parameterCount, probe.parameterCount);
        assert.deepEqual(config.metrics, probe.metrics);
        assert.ok(fs.statSync(path.join(probe.dir, 'weights.safetensors')).size > 0);
      }
      const metricKeys = task === 'sentiment' ? ['accuracy', 'macroF1'] : ['f1', 'precision', 'recall', 'tagAccuracy'];
      for (const probe of summary.probes) assert.deepEqual(Object.keys(probe.metrics), metricKeys);
    }
  });

  test('train prints a table of dev scores and parameter counts per head', async () => {
    const run = await train('sentiment', SST2, false);
    const summary = trained.get('sentiment')!;
    assert.match(run.stdout, /strategy +accuracy +macro-F1 +parameters/);
    for (const probe of summary.probes) {
      const row = new RegExp(`\\n${probe.strategy.replace('+', '\\+')} +${probe.metrics.accuracy.toFixed(3)} +${probe.metrics.macroF1.toFixed(3)} +${probe.parameterCount.toLocaleString('en-US')} `);
      assert.match(run.stdout, row);
    }
    // Retraining on the same data reuses the cached features and gives the same probes (fixed seed).
    assert.match(run.stdout, /Features reused from the cache/);
  });

  for (const [task, files] of [['sentiment', SST2], ['ner', CONLL]] as const) {
    test(`eval --json (${task}) is exactly {task, metrics} and equals the train-time dev scores`, async () => {
      const run = ok(await cli(withCache(['eval', '-m', TINY_BERT, '--task', task, '--probes', out, '--data', files.dev, '--limit', LIMIT, '--json'])));
      const json = JSON.parse(run.stdout) as { task: string; metrics: Record<string, Record<string, number>> };
      assert.deepEqual(Object.keys(json), ['task', 'metrics']);
      assert.equal(json.task, task);
      const expected = Object.fromEntries(trained.get(task)!.probes.map((p) => [p.strategy, p.metrics]));
      assert.deepEqual(json.metrics, expected);
    });
  }

  test('eval prints the scores and, for sentiment, a confusion table per probe', async () => {
    const run = ok(await cli(withCache(['eval', '-m', TINY_BERT, '--task', 'sentiment', '--probes', out, '--data', SST2.dev, '--limit', LIMIT])));
    for (const strategy of strategiesFor('sentiment')) {
      assert.match(run.stdout, new RegExp(`\\n${literal(strategy)} +\\d\\.\\d{3} +\\d\\.\\d{3}\\n`));
      assert.match(run.stdout, new RegExp(`Confusion \\(${literal(strategy)}\\):\\ngold \\\\ predicted +0 +1\\n0 +\\d+ +\\d+\\n1 +\\d+ +\\d+\\n`));
    }
    // The confusion counts add up to the examples scored.
    const counts = [...run.stdout.matchAll(/Confusion \(mean\):\n.*\n0 +(\d+) +(\d+)\n1 +(\d+) +(\d+)/g)][0].slice(1).map(Number);
    assert.equal(counts.reduce((a, b) => a + b, 0), Number(LIMIT));
  });

  test("compare shows every strategy's sentiment and the text with entities marked, per strategy", async () => {
    const run = ok(await cli(withCache(['compare', '-m', TINY_BERT, '--probes', out, TEXT])));
    assert.match(run.stdout, /^tiny-bert-uncased +\(bert, 6 layers, hidden 128, fp32\)/);
    for (const strategy of strategiesFor('sentiment')) {
      assert.match(run.stdout, new RegExp(`\\n {4}${literal(strategy)} +[01] +0: \\d\\.\\d\\d {2}1: \\d\\.\\d\\d +\\d\\.\\d\\d`));
    }
    // Weighted pooling names the words it weighs most.
    assert.match(run.stdout, /\n {4}weighted .* \d\.\d\d {2}[^\n]+ \d\.\d\d, [^\n]+ \d\.\d\d, [^\n]+ \d\.\d\d\n/);
    const entities = run.stdout.slice(run.stdout.indexOf('Entities, per layer-fusion strategy:'));
    for (const strategy of strategiesFor('ner')) {
      const line = entities.split('\n').find((l) => l.trimStart().startsWith(`${strategy} `));
      assert.ok(line, `no NER line for ${strategy}`);
      // The marked text is the text once entity brackets and types are taken out.
      assert.equal(line.trim().slice(strategy.length).trim().replace(/\[([^\]]*)\][A-Z]+/g, '$1'), TEXT);
    }
    assert.match(run.stdout, /Time: load \d+ ms · encode \d+ ms · heads \d+ ms/);
  });

  test('compare --json prints the CompareResult with every strategy, in order', async () => {
    const run = ok(await cli(withCache(['compare', '-m', TINY_BERT, '--probes', out, '--json', '-']), { stdin: TEXT }));
    const result = JSON.parse(run.stdout) as CompareResult;
    assert.equal(result.text, TEXT);
    assert.equal(result.encoders.length, 1);
    const [encoder] = result.encoders;
    assert.deepEqual(encoder.sentiment.map((s) => s.strategy), [...strategiesFor('sentiment')]);
    assert.deepEqual(encoder.ner.map((n) => n.strategy), [...strategiesFor('ner')]);
    assert.deepEqual(encoder.missing, []);
    for (const sentiment of encoder.sentiment) {
      const total = sentiment.probabilities.reduce((sum, p) => sum + p.probability, 0);
      assert.ok(Math.abs(total - 1) < 1e-5);
    }
  });

  test('--pooling and --fusion choose and order the strategies shown', async () => {
    const run = ok(await cli(withCache(['compare', '-m', TINY_BERT, '--probes', out, '--pooling', 'weighted,mean', '--fusion', 'dwatt', '--json', TEXT])));
    const [encoder] = (JSON.parse(run.stdout) as CompareResult).encoders;
    assert.deepEqual(encoder.sentiment.map((s) => s.strategy), ['weighted', 'mean']);
    assert.deepEqual(encoder.ner.map((n) => n.strategy), ['dwatt']);
  });

  test('one --probes folder for two models: probes of the other encoder are skipped with a notice', async () => {
    const run = ok(await cli(withCache(['compare', '-m', TINY_BERT, '-m', TINY_GPT2, '--probes', out, TEXT])));
    // One notice for the probes of the other encoder (one per strategy), naming them and both encoders.
    const notice = run.stderr.split('\n').filter((line) => line.startsWith('Skipped'));
    assert.equal(notice.length, 1, run.stderr);
    const probes = strategiesFor('sentiment').length + strategiesFor('ner').length;
    assert.ok(notice[0].startsWith(`Skipped ${probes} probes in ${out} (ner-concat, ner-dwatt, `), notice[0]);
    assert.match(notice[0], /The probe was trained for encoder ".*tiny-bert-uncased", not ".*tiny-gpt2"/);
    assert.match(run.stdout, /^tiny-bert-uncased /m);
    assert.match(run.stdout, /^tiny-gpt2 .*\n {2}Sentiment: No sentiment \(pooling\) probes are trained for this encoder yet\./m);
  });

  test('--max-chars cuts the text at a word end and says so', async () => {
    const run = ok(await cli(withCache(['compare', '-m', TINY_BERT, '--probes', out, '--max-chars', '20', '--json', TEXT])));
    const { text } = JSON.parse(run.stdout) as CompareResult;
    assert.ok(TEXT.startsWith(text) && text.length <= 20 && text.length > 15, text);
    assert.match(run.stderr, new RegExp(`has ${TEXT.length} characters; only the first ${text.length} were probed`));
  });
});
