import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ProbeLensError } from '../../../src/core/errors';
import { checkFolderIfPresent, checkWritableFolder, makeFolder } from '../../../src/core/folders';
import { tempDir } from '../cli/run-cli';

const badInput = (pattern: RegExp) => (error: unknown) => error instanceof ProbeLensError && error.code === 'bad-input' && pattern.test(error.message);

test('a writable place passes the check and is left as it was; a file in the way is named', () => {
  const root = tempDir();
  checkWritableFolder(path.join(root, 'a', 'b'), '--out');
  assert.deepEqual(fs.readdirSync(root), [], 'the check leaves nothing behind');
  const file = path.join(root, 'file');
  fs.writeFileSync(file, 'x');
  assert.throws(() => checkWritableFolder(file, '--out'), badInput(/^--out: .*file is a file, not a folder\./));
  assert.throws(() => checkWritableFolder(path.join(file, 'sub'), '--out'), badInput(/file is a file, so .*sub cannot be a folder/));
  assert.throws(() => checkFolderIfPresent(file, '--probes'), badInput(/^--probes: /));
  checkFolderIfPresent(path.join(root, 'missing'), '--probes');
});

test('folders are made one level at a time, and a place that takes none fails at once instead of spinning', () => {
  const root = tempDir();
  makeFolder(path.join(root, 'x', 'y', 'z'), 'The output folder');
  assert.ok(fs.statSync(path.join(root, 'x', 'y', 'z')).isDirectory());
  makeFolder(path.join(root, 'x', 'y', 'z'), 'The output folder');
  assert.ok(fs.existsSync('/proc/self'), 'these tests run on Linux');
  const started = Date.now();
  assert.throws(() => makeFolder('/proc/probe-lens/a/b', 'The output folder'), badInput(/cannot write in \/proc \(this place does not take new folders\)/));
  assert.throws(() => checkWritableFolder('/proc/probe-lens', '--cache-dir'), badInput(/^--cache-dir: cannot write in \/proc/));
  assert.ok(Date.now() - started < 1000);
});
