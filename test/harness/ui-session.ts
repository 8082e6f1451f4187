import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { newPage } from './browser';
import { REPO_ROOT } from './repo-root';
import type { ScratchRun } from './scratch';
import { writeUserSettings } from './user-settings';
import { openWorkbench } from './workbench';
import { workbenchUrl } from './workbench-url';

/** A text file in the test workspace, for flows that start from an editor. */
export const SAMPLE_FILE = 'sample.txt';
export const SAMPLE_TEXT = 'The film was a quiet delight from start to finish.\nAnna moved from Berlin to Lisbon in 2019.\n';

/** Screenshots the UI tests save (git-ignored). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

/** What the runner (run-ui.ts) has set up for the UI tests: a workbench with the packaged .vsix installed. */
export interface UiSession {
  browser: Browser;
  /** The page of the latest loadWorkbench(); undefined before the first. */
  page?: Page;
  run: ScratchRun;
  /** code-server's `http://127.0.0.1:PORT`. */
  origin: string;
  /** Console errors of the pages and their frames (webviews included), in order. */
  consoleErrors: string[];
}

// The runner and the test files are separate bundles, so the session lives on globalThis, not in a module.
const SESSION_KEY = Symbol.for('probe-lens.ui-session');
type WithSession = typeof globalThis & { [SESSION_KEY]?: UiSession };

export function setUiSession(session: UiSession): void {
  (globalThis as WithSession)[SESSION_KEY] = session;
}

export function uiSession(): UiSession {
  const session = (globalThis as WithSession)[SESSION_KEY];
  if (!session) {
    throw new Error('UI tests need the workbench the harness starts: run them with `npm run test:ui`');
  }
  return session;
}

/**
 * Opens the workbench on the run's workspace with these user settings, in a fresh browser context so no
 * editor or panel is restored from an earlier test. (The settings file is written first because this
 * code-server does not notice it changing while a workbench runs.)
 */
export async function loadWorkbench(settings: Record<string, unknown>): Promise<Page> {
  const session = uiSession();
  await session.page?.context().close();
  writeUserSettings(session.run, settings);
  const page = await newPage(session.browser);
  session.page = page;
  page.on('console', (message) => {
    if (message.type() === 'error') session.consoleErrors.push(message.text());
  });
  await openWorkbench(page, workbenchUrl(session.origin, session.run.workspace));
  return page;
}
