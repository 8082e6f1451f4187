/**
 * UI tests as a user meets the extension: the packaged .vsix installed into a fresh code-server, the
 * workbench driven in Chromium through the command palette, the webview checked inside its frames.
 * The tests themselves are out/test/ui/*.test.js (mocha), run here against one shared workbench.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { launchBrowser } from './browser';
import { cleanUp, interruptedBy } from './cleanup';
import { startCodeServer } from './code-server';
import { formatCounts } from './test-output';
import { REPO_ROOT } from './repo-root';
import { createScratchRun, removeScratchRun } from './scratch';
import { SAMPLE_FILE, SAMPLE_TEXT, SCREENSHOT_DIR, setUiSession, uiSession } from './ui-session';
import { installVsix, packageVsix } from './vsix';

const UI_TESTS_DIR = path.join(REPO_ROOT, 'out', 'test', 'ui');
const TEST_TIMEOUT_MS = 120_000;

/** The built UI test files; with `only` (`npm run test:ui -- compare-flow`), those whose name contains one of them. */
function uiTestFiles(only: string[]): string[] {
  const files = fs
    .readdirSync(UI_TESTS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .filter((name) => only.length === 0 || only.some((part) => name.includes(part)))
    .map((name) => path.join(UI_TESTS_DIR, name));
  if (files.length === 0) {
    throw new Error(`no UI tests${only.length ? ` matching ${only.join(', ')}` : ''} in ${UI_TESTS_DIR}: build with scripts/build.mjs --tests`);
  }
  return files.sort();
}

async function main(): Promise<number> {
  const run = createScratchRun('ui');
  process.env.TMPDIR = run.tmp;
  const testFiles = uiTestFiles(process.argv.slice(2));
  // Only this run's screenshots: a stale failure picture would mislead.
  fs.rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

  console.log('packaging and installing the .vsix…');
  await installVsix(run, await packageVsix(run));
  fs.writeFileSync(path.join(run.workspace, SAMPLE_FILE), SAMPLE_TEXT);
  const server = await startCodeServer(run);
  const browser = await launchBrowser(run);
  setUiSession({ browser, run, origin: server.origin, consoleErrors: [] });

  const mocha = new Mocha({
    ui: 'bdd',
    timeout: TEST_TIMEOUT_MS,
    color: process.stdout.isTTY,
    rootHooks: {
      async afterEach(this: Mocha.Context) {
        const test = this.currentTest;
        if (test?.state !== 'failed') return;
        const name = test.fullTitle().replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '');
        const file = path.join(SCREENSHOT_DIR, `failed-${name}.png`);
        await uiSession().page?.screenshot({ path: file });
        console.log(`    screenshot of the failure: ${path.relative(REPO_ROOT, file)}`);
      },
    },
  });
  testFiles.forEach((file) => mocha.addFile(file));
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats as Mocha.Stats));
  });

  await cleanUp();
  if (stats.failures === 0) removeScratchRun(run);
  else console.error(`code-server's log: ${run.serverLog}`);
  console.log(formatCounts(stats.passes, stats.failures));
  return stats.failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error: Error) => {
    // After Ctrl+C the pending steps fail because the browser is gone: the signal handler reports and exits.
    if (interruptedBy()) return;
    console.error(`UI harness: ${error.message}`);
    await cleanUp();
    process.exit(1);
  },
);
