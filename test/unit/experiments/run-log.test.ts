import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RunLog } from '../../../src/core/experiments/run-log';
import type { RunRecord } from '../../../src/core/experiments/types';
import { tempDir } from './fake-files';

const run = (seed: number) => ({ encoder: 'e', strategy: 's', size: 1, seed }) as RunRecord;

test('the journal starts over without resume, keeps finished runs with it, and survives a cut last line', () => {
  const file = path.join(tempDir(), 'out', 'runs.jsonl');
  const fresh = new RunLog(file, false);
  assert.ok(!fs.existsSync(file), 'nothing is written before the first run');
  fresh.record('a', run(1));
  fresh.record('b', run(2));
  // Interrupted in the middle of a third line.
  fs.appendFileSync(file, '{"key":"c","run":{"enc');

  const resumed = new RunLog(file, true);
  assert.equal(resumed.find('a')?.seed, 1);
  assert.equal(resumed.find('b')?.seed, 2);
  assert.equal(resumed.find('c'), undefined);
  resumed.record('c', run(3));
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  assert.equal(JSON.parse(lines[lines.length - 2]).key, 'c', 'the new run is on a line of its own');
  assert.equal(new RunLog(file, true).find('c')?.seed, 3);

  resumed.retain(['c', 'a']);
  assert.deepEqual(fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line).key), ['c', 'a']);

  new RunLog(file, false).record('d', run(4));
  assert.deepEqual(fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line).key), ['d']);
});
