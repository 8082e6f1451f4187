import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProbeLensError } from '../../../src/core/errors';
import { looksLikeExperimentResults, parseExperimentResults } from '../../../src/core/experiments/read-results';
import { RESULTS_FORMAT, type ExperimentResults } from '../../../src/core/experiments/types';
import { fakeResults } from './fake-results';

const FILE = '/experiments/fusion-fake/results.json';

/** The ProbeLensError parseExperimentResults throws for `text`; fails the test when it accepts it. */
function rejection(text: string): ProbeLensError {
  try {
    parseExperimentResults(text, FILE);
  } catch (error) {
    assert.ok(error instanceof ProbeLensError, `not a ProbeLensError: ${String(error)}`);
    assert.equal(error.code, 'bad-input');
    assert.ok(error.message.startsWith(FILE), `the message does not name the file first: ${error.message}`);
    return error;
  }
  assert.fail('the text was accepted');
}

/** results.json as the experiment writes it, after `edit`. */
async function edited(edit: (results: Record<string, unknown> & ExperimentResults) => void): Promise<string> {
  const results = (await fakeResults('fusion')) as Record<string, unknown> & ExperimentResults;
  edit(results);
  return JSON.stringify(results, null, 1);
}

describe('parseExperimentResults', () => {
  test('accepts what the experiment writes, pooling and fusion, and returns it unchanged', async () => {
    for (const kind of ['pooling', 'fusion'] as const) {
      const results = await fakeResults(kind);
      assert.ok(results.cells.some((c) => c.metrics[results.metric.key].std !== null), 'two seeds give a spread');
      assert.deepEqual(parseExperimentResults(JSON.stringify(results, null, 1), FILE), results);
    }
  });

  test('accepts one seed, whose spreads are null in JSON', async () => {
    const text = await edited((r) => {
      for (const cell of r.cells) for (const spread of Object.values(cell.metrics)) spread.std = null;
    });
    assert.equal(parseExperimentResults(text, FILE).cells[0].metrics.f1.std, null);
  });

  test('not JSON: says so with the line and column of the first error', async () => {
    const lines = (await edited(() => undefined)).split('\n');
    const line = lines.findIndex((l) => l.startsWith(' "kind": '));
    lines[line] = ' "kind": pooled,';
    const error = rejection(lines.join('\n'));
    assert.match(error.message, new RegExp(`is not valid JSON at line ${line + 1}, column 10: unexpected "p"\\. `));
    assert.match(error.message, /probe-lens experiment/, 'the message says which file is expected');
  });

  test('a file cut short: the position is its end', async () => {
    const text = await edited(() => undefined);
    const cut = text.slice(0, 500);
    const lastLine = cut.split('\n');
    const error = rejection(cut);
    assert.match(error.message, new RegExp(`at line ${lastLine.length}, column ${lastLine.at(-1)!.length + 1}: the text ends before the JSON does`));
  });

  test('an empty file', () => {
    assert.match(rejection('  \n').message, /is not valid JSON at line 2, column 1: the file is empty/);
  });

  test('JSON that is not an object', () => {
    assert.match(rejection('[1, 2]').message, /not a Probe Lens experiment result: it holds an array/);
    assert.match(rejection('"results"').message, /it holds "results", not an object/);
  });

  test('JSON of another shape: names the missing field', async () => {
    assert.match(rejection('{"accuracy": 0.9}').message, /not a Probe Lens experiment result: the field "format" is missing/);
    assert.match(rejection(await edited((r) => delete (r as Partial<ExperimentResults>).claims)).message, /"claims" is missing/);
    assert.match(rejection(await edited((r) => delete (r.cells[1].metrics.f1 as Partial<ExperimentResults['cells'][0]['metrics']['f1']>).mean)).message, /"cells\[1\]\.metrics\.f1\.mean" is missing/);
    assert.match(rejection(await edited((r) => delete (r.datasets.train as Partial<ExperimentResults['datasets']['train']>).file)).message, /"datasets\.train\.file" is missing/);
  });

  test('JSON of another shape: names the field of the wrong type', async () => {
    assert.match(rejection(await edited((r) => ((r.encoders[0] as unknown as Record<string, unknown>).label = 42))).message, /"encoders\[0\]\.label" is a number \(42\), not a string/);
    assert.match(rejection(await edited((r) => ((r as Record<string, unknown>).kind = 'pruning'))).message, /"kind" is a string \("pruning"\), not one of "pooling", "fusion"/);
    assert.match(rejection(await edited((r) => ((r.claims[0] as unknown as Record<string, unknown>).verdict = 'proven'))).message, /"claims\[0\]\.verdict" is a string/);
    assert.match(rejection(await edited((r) => ((r as Record<string, unknown>).runs = {}))).message, /"runs" is an object, not an array/);
  });

  test('a cell without the experiment\'s metric', async () => {
    assert.match(rejection(await edited((r) => delete r.cells[2].metrics.f1)).message, /"cells\[2\]\.metrics" has no "f1", the experiment's metric/);
  });

  test('a newer format: asks to update Probe Lens', async () => {
    const message = rejection(await edited((r) => ((r as Record<string, unknown>).format = RESULTS_FORMAT + 1))).message;
    assert.match(message, new RegExp(`written by a newer Probe Lens \\(results format ${RESULTS_FORMAT + 1}; this version reads format ${RESULTS_FORMAT}\\)\\. Update Probe Lens`));
  });

  test('an unknown format version', async () => {
    assert.match(rejection(await edited((r) => ((r as Record<string, unknown>).format = String(RESULTS_FORMAT)))).message, new RegExp(`unknown results format "${RESULTS_FORMAT}"`));
    assert.match(rejection(await edited((r) => ((r as Record<string, unknown>).format = 0))).message, /unknown results format 0/);
  });

  test('an empty experiment: no runs', async () => {
    const message = rejection(
      await edited((r) => {
        r.runs = [];
        r.cells = [];
      }),
    ).message;
    assert.match(message, /holds an empty experiment: no head was trained \(0 runs, 2 encoders\)\. Run the experiment again/);
  });
});

test('looksLikeExperimentResults tells a damaged experiment from another tool\'s results.json', async () => {
  const results = await fakeResults('pooling');
  assert.equal(looksLikeExperimentResults(results), true);
  assert.equal(looksLikeExperimentResults({ format: 1, kind: 'fusion' }), true);
  assert.equal(looksLikeExperimentResults({ format: 1, results: [] }), false);
  assert.equal(looksLikeExperimentResults([results]), false);
  assert.equal(looksLikeExperimentResults(null), false);
});
