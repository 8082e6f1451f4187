/**
 * Integration tests inside the real extension host: code-server loads the extension from this checkout
 * (extensionDevelopmentPath) and runs out/test/integration/index.js (extensionTestsPath), the
 * test-electron contract. Chromium only hosts the workbench; the test output comes back through
 * codeAutomationLog, the exit code through codeAutomationExit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, newPage } from './browser';
import { cleanUp, interruptedBy, onCleanup } from './cleanup';
import { startCodeServer } from './code-server';
import { withDeadline } from './deadline';
import { REPO_ROOT } from './repo-root';
import { createScratchRun, removeScratchRun } from './scratch';
import { INTEGRATION_START_MARKER } from './test-output';
import { writeUserSettings } from './user-settings';
import { workbenchUrl } from './workbench-url';

const RUN_TIMEOUT_MS = 5 * 60_000;

/** `npm run test:integration -- experiment-report`: only the test files whose name contains one of the words. */
const ONLY_ENV = 'PROBE_LENS_INTEGRATION_ONLY';

async function main(): Promise<number> {
  // The extension host inherits code-server's environment, which createScratchRun copies from this process.
  const only = process.argv.slice(2);
  if (only.length > 0) process.env[ONLY_ENV] = only.join(',');
  const run = createScratchRun('integration');
  process.env.TMPDIR = run.tmp;
  writeUserSettings(run);
  const server = await startCodeServer(run);
  const page = await newPage(await launchBrowser(run));

  let reportExit: (code: number) => void = () => {};
  const exitCode = new Promise<number>((resolve) => (reportExit = resolve));
  const workbenchLog = fs.createWriteStream(path.join(run.dir, 'workbench.log'));
  onCleanup('close the workbench log', () => new Promise((resolve) => workbenchLog.end(resolve)));
  let testsStarted = false;
  // The workbench passes each console call's arguments as they were given (mocha's are printf-style).
  await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
    const message = Array.isArray(args) ? format(...args) : String(args);
    testsStarted ||= message.startsWith(INTEGRATION_START_MARKER);
    workbenchLog.write(`[${level}] ${message}\n`);
    // Start-up chatter stays in the log; errors are shown even before the tests start.
    if (testsStarted || level === 'error') {
      (level === 'error' ? process.stderr : process.stdout).write(`${message}\n`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));

  const url = workbenchUrl(server.origin, run.workspace, {
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
  });
  await page.goto(url, { timeout: 60_000 });
  let code: number;
  try {
    code = await withDeadline(exitCode, RUN_TIMEOUT_MS, 'the integration tests did not finish');
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- code-server log (${run.serverLog}) ---\n${server.logTail()}`);
  }
  await cleanUp();
  if (code === 0) removeScratchRun(run);
  else console.error(`integration tests failed (exit ${code}); code-server's log: ${run.serverLog}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  async (error: Error) => {
    // After Ctrl+C the pending steps fail because the browser is gone: the signal handler reports and exits.
    if (interruptedBy()) return;
    console.error(`integration harness: ${error.message}`);
    await cleanUp();
    process.exit(1);
  },
);
