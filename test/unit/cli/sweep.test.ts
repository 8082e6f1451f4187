import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { SWEEP_CSV_HEADER } from '../../../src/core/probing';
import { DATA_DIR, TINY_BERT } from '../../shared-path';
import { cli, tempDir } from './run-cli';

const cache = tempDir('probe-lens-sweep-');
const sst2 = ['--train', path.join(DATA_DIR, 'sst2', 'train.tsv'), '--dev', path.join(DATA_DIR, 'sst2', 'dev.tsv'), '--limit', '80'];
const base = ['sweep', '--model', TINY_BERT, '--task', 'sentiment', ...sst2, '--cache-dir', cache, '--threads', '1'];

describe('probe-lens sweep', () => {
  test('--help says what it fits and lists its options', async () => {
    const run = await cli(['sweep', '--help']);
    assert.equal(run.code, 0);
    for (const text of ['Usage: probe-lens sweep', 'expected layer', 'selectivity', '--csv', '--no-mdl', '--grid', '--layers']) assert.ok(run.stdout.includes(text), text);
    assert.match((await cli(['--help'])).stdout, /sweep\s+probe every layer/);
  });

  test('text: a table per measure with every layer; --csv: one row per strategy and layer; --json: every number', async () => {
    const text = await cli([...base, '--layers', '0,3,6', '--no-mdl']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Dev accuracy of a linear probe per layer/);
    assert.match(text.stdout, /\n {2}emb\s/);
    assert.match(text.stdout, /expected layer/);
    assert.match(text.stdout, /Selectivity: task accuracy − control accuracy/);
    assert.ok(!text.stdout.includes('MDL'), 'MDL skipped');
    assert.match(text.stderr, /21 probes fitted/);

    const csv = await cli([...base, '--layers', '6', '--csv']);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trimEnd().split('\r\n');
    assert.equal(lines[0], SWEEP_CSV_HEADER.join(','));
    assert.equal(lines.length, 1 + 7);
    const row = lines[1].split(',');
    assert.deepEqual(row.slice(0, 5), ['tiny-bert-uncased', 'sentiment', 'mean', '6', 'accuracy']);
    assert.ok(Number(row[SWEEP_CSV_HEADER.indexOf('mdl_kbits')]) > 0);

    const json = await cli([...base, '--layers', '6', '--strategies', 'last', '--no-control', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { sweeps: { encoder: string; sweep: { strategies: { strategy: string; layers: { control: unknown; grid: unknown[] }[] }[] } }[] };
    const [strategy] = parsed.sweeps[0].sweep.strategies;
    assert.equal(strategy.strategy, 'last');
    assert.equal(strategy.layers[0].control, null);
    assert.ok(strategy.layers[0].grid.length > 0);
  });

  test('bad command lines are usage errors naming the option', async () => {
    const cases: [string[], RegExp][] = [
      [['sweep', '--model', TINY_BERT, '--task', 'sentiment', '--train', 'x.tsv'], /--dev is required/],
      [[...base, '--json', '--csv'], /Choose one of --json and --csv/],
      [[...base, '--strategies', 'weighted'], /--strategies: A layer sweep cannot probe "weighted"/],
      [[...base, '--grid', '1,-2'], /--grid takes positive numbers/],
      [[...base, '--layers', 'top'], /--layers takes layer numbers/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
    const layer = await cli([...base, '--layers', '9']);
    assert.equal(layer.code, 1);
    assert.match(layer.stderr, /Layer 9 cannot be probed: the encoder has layers 0 \(embeddings\) to 6/);
    const grid = await cli([...base, '--layers', '6', '--grid', '1', '--max-iterations', '1']);
    assert.equal(grid.code, 1);
    assert.match(grid.stderr, /did not converge for any regularisation strength of the grid \(C = 1\).*best value reached was a dev score of/);
  });

  test('Ctrl-C cancels with exit code 130', async () => {
    const controller = new AbortController();
    const run = await cli([...base, '--no-mdl'], { signal: controller.signal, onStatus: (line) => line.includes('probes') && controller.abort() });
    assert.ok(run.status.some((line) => /tiny-bert-uncased \[.*\] +\d+% \w+ layer \d done \(\d+\/49 probes\)/.test(line)), run.status.join('\n'));
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /Cancelled/);
  });
});
