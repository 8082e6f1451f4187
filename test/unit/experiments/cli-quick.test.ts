import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CliIo } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { experimentReport, parseExperimentResults, type ExperimentResults } from '../../../src/core/experiments';
import { DATA_DIR, TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { parseSvg } from '../svg/parse-svg';
import { conllFile, sentimentFile, tempDir } from './fake-files';
import { literal } from '../../literal';
import { POOLING_STRATEGIES } from '../../../src/core/heads/registry';

const cacheDir = tempDir();

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    write: async (text) => {
      stdout += text;
    },
    note: (text) => {
      stderr += `${text}\n`;
    },
    progress: () => undefined,
    readStdin: async () => new Uint8Array(0),
    signal: new AbortController().signal,
  };
  const code = await runCli([...args, '--cache-dir', cacheDir], io);
  return { code, stdout, stderr };
}

function readOutputs(out: string): { results: ExperimentResults; report: string } {
  const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as ExperimentResults;
  for (const chart of results.charts) {
    const file = fs.readFileSync(path.join(out, `${chart.id}.svg`), 'utf8');
    assert.equal(file, chart.svg, 'results.json carries the same SVG as the file');
    assert.equal(parseSvg(file).name, 'svg');
  }
  return { results, report: fs.readFileSync(path.join(out, 'report.md'), 'utf8') };
}

describe('probe-lens experiment --quick on the shared tiny encoders', () => {
  test('pooling on SST-2: report, results and charts for both encoders', async () => {
    const out = path.join(tempDir(), 'pooling');
    const sst2 = path.join(DATA_DIR, 'sst2');
    const run = await cli(['experiment', 'pooling', '--quick', '-m', TINY_BERT, '-m', TINY_GPT2, '--train', path.join(sst2, 'train.tsv'), '--dev', path.join(sst2, 'dev.tsv'), '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    const { results, report } = readOutputs(out);
    assert.equal(results.quick, true);
    assert.equal(results.runs.length, 2 * 2 * POOLING_STRATEGIES.length);
    assert.deepEqual(results.encoders.map((e) => [e.label, e.identity.family]), [['tiny-bert-uncased', 'bert'], ['tiny-gpt2', 'gpt2']]);
    assert.deepEqual(results.charts.map((c) => c.id), ['accuracy-vs-size-tiny-bert-uncased', 'accuracy-vs-size-tiny-gpt2']);
    assert.equal(results.datasets.dev.used, 48);
    assert.match(results.commandLine, /^probe-lens experiment pooling --quick --model \S+tiny-bert-uncased --model \S+tiny-gpt2 --train /);
    assert.match(report, /## Claims/);
    assert.match(report, /\*\*Verdict: (inconclusive|not testable)\.\*\*/);
    assert.match(run.stdout, /Report: +\S+report\.md/);
    const runs = 2 * 2 * POOLING_STRATEGIES.length;
    assert.match(run.stderr, new RegExp(`\\[${runs}/${runs}\\] tiny-gpt2 ${literal(POOLING_STRATEGIES.at(-1) ?? '')} size 48 seed 1: accuracy`));
  });

  test('fusion on WNUT-17: entity F1, steps to target and the DWAtt α chart', async () => {
    const out = path.join(tempDir(), 'fusion');
    const wnut = path.join(DATA_DIR, 'wnut17');
    const run = await cli(['experiment', 'fusion', '--quick', '-m', TINY_BERT, '--train', path.join(wnut, 'wnut17train.conll'), '--dev', path.join(wnut, 'emerging.dev.conll'), '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    const { results, report } = readOutputs(out);
    assert.equal(results.runs.length, 2 * 5);
    assert.deepEqual(results.charts.map((c) => c.kind), ['metric-vs-size', 'layer-weights']);
    // 6 layers: z_0 … z_6.
    assert.equal(results.cells.find((c) => c.strategy === 'dwatt')!.layerWeights!.length, 7);
    assert.ok(results.runs.every((r) => r.stepsToTarget === null || r.stepsToTarget % 5 === 0 || r.stepsToTarget === r.selection.steps));
    assert.match(report, /Steps to target/);
    assert.match(report, /DWAtt's mean α per layer/);
  });
});

describe('probe-lens experiment --layers: the layer sweep in the reports, every table as CSV', () => {
  test('fusion on WNUT-17 with --layers: curves, selectivity and MDL in results.json, report.md, the panel data and tables/*.csv', async () => {
    const out = path.join(tempDir(), 'layers');
    const wnut = path.join(DATA_DIR, 'wnut17');
    const run = await cli(['experiment', 'fusion', '--quick', '--layers', '--heads', 'last', '-m', TINY_BERT, '--train', path.join(wnut, 'wnut17train.conll'), '--dev', path.join(wnut, 'emerging.dev.conll'), '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    const { results, report } = readOutputs(out);
    const [swept] = results.layerSweeps!;
    assert.equal(swept.encoder, 'tiny-bert-uncased');
    assert.equal(swept.sweep.strategies[0].layers.length, 7);
    assert.ok(swept.sweep.strategies[0].layers.every((l) => l.control !== null && l.mdl !== null && l.mdl.kbits > 0));
    assert.deepEqual(results.charts.map((c) => c.kind), ['metric-vs-size', 'layer-curve']);
    assert.match(report, /### Layers/);
    assert.match(report, /Selectivity: task accuracy − control accuracy per word/);
    assert.match(report, /MDL online code length in kbits/);
    assert.match(report, /!\[Entity F1 of a linear probe per layer — tiny-bert-uncased\]\(layers-tiny-bert-uncased\.svg\)/);
    const view = experimentReport(parseExperimentResults(fs.readFileSync(path.join(out, 'results.json'), 'utf8'), 'results.json'), 'results.json');
    const captions = view.encoders[0].tables.map((t) => t.caption);
    assert.ok(captions.some((c) => c.startsWith('Layer sweep — Selectivity')), captions.join('\n'));
    assert.ok(view.encoders[0].charts.some((c) => c.kind === 'layer-curve'));
    const tables = fs.readdirSync(path.join(out, 'tables')).sort();
    assert.equal(tables.length, view.encoders[0].tables.length + view.claims.filter((c) => c.evidence).length);
    const selectivity = tables.find((name) => name.includes('selectivity'))!;
    const lines = fs.readFileSync(path.join(out, 'tables', selectivity), 'utf8').split('\r\n');
    assert.equal(lines[0], 'layer,token');
    assert.match(lines[1], /^emb,-?\d\.\d{3}$/);
    assert.match(run.stdout, /Tables: +\d+ CSV files in /);
  });
});

describe('probe-lens experiment: bad inputs', () => {
  const dir = tempDir();
  const train = sentimentFile(dir, 'train.tsv', 30, 1);
  const dev = sentimentFile(dir, 'dev.tsv', 12, 2);
  const base = ['experiment', 'pooling', '-m', TINY_BERT, '--train', train, '--dev', dev, '--heads', 'mean,cls', '--min-steps', '4', '--max-steps', '8', '--eval-every', '4'];

  test('a size larger than the training file is capped, with a notice on stderr and in the report', async () => {
    const out = path.join(dir, 'capped');
    const run = await cli([...base, '--sizes', '10,100', '--seeds', '2', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Notice: \S+train\.tsv: training size 100 is more than the 30 examples in the file; using all 30\./);
    const { results, report } = readOutputs(out);
    assert.deepEqual(results.sizes, [{ requested: 10, used: 10 }, { requested: 100, used: 30 }]);
    assert.match(report, /\*\*Notices\*\*\n\n- \S+train\.tsv: training size 100 is more than the 30 examples/);
    // Two seeds: a spread, so no "n/a".
    assert.ok(results.cells.every((c) => c.metrics.accuracy.std !== null));
  });

  test('one seed: std is written n/a', async () => {
    const out = path.join(dir, 'one-seed');
    const run = await cli([...base, '--sizes', '10', '--seeds', '1', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    const { report } = readOutputs(out);
    assert.match(report, /\| mean \| 258 \| \d+\.\d ± n\/a \|/);
    assert.match(report, /With one seed there is no spread/);
  });

  test('dev labels unseen in training: a clear error naming the dev file and line', async () => {
    const nerTrain = conllFile(dir, 'train.conll', 10, 1);
    const nerDev = conllFile(dir, 'dev.conll', 3, 2, ['Acme\tB-ORG']);
    const run = await cli(['experiment', 'fusion', '-m', TINY_BERT, '--train', nerTrain, '--dev', nerDev, '--out', path.join(dir, 'unseen')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`^${literal(nerDev)}:\\d+: tag "B-ORG" is not among the training labels \\(O, B-LOC, I-LOC\\)`));
    assert.ok(!fs.existsSync(path.join(dir, 'unseen')));
  });

  test('mistakes on the command line are usage errors (exit 2) naming the option', async () => {
    const cases: [string[], RegExp][] = [
      [[...base, '--sizes', '10,abc'], /--sizes "10,abc": "abc" is not a size/],
      [[...base, '--sizes', '10,,20'], /an empty entry is not a size/],
      [[...base, '--seeds', '0'], /--seeds takes a whole number of at least 1/],
      [[...base, '--min-steps', '9'], /--min-steps 9 is more than --max-steps 8/],
      [['experiment', 'pooling', '--train', train, '--dev', dev], /--model is required/],
      [['experiment', 'pooling', '-m', TINY_BERT, '--train', train], /--dev is required/],
      [['experiment', 'tagging', '-m', TINY_BERT], /Unknown experiment "tagging": choose pooling or fusion/],
      [[...base, '--heads', 'mean,dwatt'], /--heads: Unknown pooling strategy "dwatt"/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Run probe-lens experiment --help for usage/);
    }
  });
});
