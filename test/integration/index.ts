/**
 * The extension host loads this file (extensionTestsPath) and awaits `run()`, the contract
 * @vscode/test-electron uses: resolve when every test passed, reject otherwise.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { formatCounts, INTEGRATION_START_MARKER } from '../harness/test-output';
import { closeFixture } from './fixture-state';

const TEST_TIMEOUT_MS = 30_000;

export function run(): Promise<void> {
  // Set by the harness from `npm run test:integration -- <part of a file name> ...`.
  const only = process.env.PROBE_LENS_INTEGRATION_ONLY?.split(',').filter(Boolean) ?? [];
  const testFiles = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .filter((name) => only.length === 0 || only.some((part) => name.includes(part)));
  if (testFiles.length === 0) {
    return Promise.reject(new Error(`no *.test.js files${only.length ? ` matching ${only.join(', ')}` : ''} next to ${__filename}: build with scripts/build.mjs --tests`));
  }
  // The test bundles live in out/test/integration, so test/shared-path.ts cannot find ../shared from its
  // own location there: point it at the folder beside this checkout before the test files load.
  process.env.PROBE_LENS_SHARED ??= path.resolve(__dirname, '..', '..', '..', '..', 'shared');
  console.log(`${INTEGRATION_START_MARKER} in ${vscode.env.appName} ${vscode.version} (${testFiles.length} test file${testFiles.length === 1 ? "" : "s"})`);
  const mocha = new Mocha({ ui: 'bdd', timeout: TEST_TIMEOUT_MS, color: false, rootHooks: { afterAll: closeFixture } });
  for (const name of testFiles.sort()) {
    mocha.addFile(path.join(__dirname, name));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(formatCounts(runner.stats?.passes ?? 0, failures));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
