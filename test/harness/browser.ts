import type { Browser, Page } from 'playwright-core';
import * as fs from 'node:fs';
import { onCleanup } from './cleanup';
import { CHROMIUM_PATH } from './code-server-location';
import { withDeadline } from './deadline';
import type { ScratchRun } from './scratch';

const LAUNCH_TIMEOUT_MS = 30_000;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Headless Debian Chromium. Its profile is a fresh folder in TMPDIR, which the runner points into the
 * run's folder before calling this.
 */
export async function launchBrowser(run: ScratchRun): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: run \`bash scripts/setup.sh\` first`);
  }
  // Loaded here, not at the top: playwright-core reads TMPDIR for its folders when it loads.
  const { chromium } = await import('playwright-core');
  const browser = await withDeadline(
    chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      env: run.env,
      timeout: LAUNCH_TIMEOUT_MS,
      // cleanup.ts handles the signals: Playwright's own handlers would exit before code-server is stopped.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    }),
    LAUNCH_TIMEOUT_MS + 5_000,
    `Chromium (${CHROMIUM_PATH}) did not start`,
  );
  onCleanup('close Chromium', () => browser.close());
  return browser;
}

/** A page in a new browser context: no storage, so no editors restored from an earlier page. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}
