// Runs every test/unit/**/*.test.ts with node's test runner, one file at a time. Node 20's `--test` does
// not expand glob patterns itself, so the files are listed here. Extra arguments (e.g.
// --test-reporter=spec, --test-name-pattern=…) are passed to node before the files.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const unitDir = path.join(root, 'test', 'unit');
const files = readdirSync(unitDir, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => path.join('test', 'unit', name))
  .sort();
if (files.length === 0) {
  console.error(`no *.test.ts files under ${unitDir}`);
  process.exit(1);
}
const args = ['--import', 'tsx', '--test', '--test-concurrency=1', ...process.argv.slice(2), ...files];
const { status, signal } = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(status ?? (signal ? 1 : 0));
