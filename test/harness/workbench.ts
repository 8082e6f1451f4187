import type { FrameLocator, Locator, Page } from 'playwright-core';
import { literal } from '../literal';

const WORKBENCH_TIMEOUT_MS = 60_000;
const COMMAND_TIMEOUT_MS = 60_000;
const ROW_WAIT_MS = 3_000;
const CLICK_TIMEOUT_MS = 15_000;

/** Loads the workbench and waits for its shell to render. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: WORKBENCH_TIMEOUT_MS });
  await page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
}

/**
 * Runs a command by its palette title, as a user would. Contributed commands appear only once the remote
 * extension host has scanned the extensions, so the palette is reopened until the row shows up.
 */
export async function runCommandFromPalette(page: Page, title: string): Promise<void> {
  await pickFromQuickInput(page, `>${title}`, title);
}

/** Opens a workspace file through Quick Open and waits for its editor tab. */
export async function openFileFromQuickOpen(page: Page, fileName: string): Promise<void> {
  await pickFromQuickInput(page, fileName, fileName);
  await page.locator('.tabs-container .tab.active').filter({ hasText: fileName }).waitFor({ timeout: ROW_WAIT_MS });
}

/**
 * Types `query` into the quick input (F1), waits for the row labelled exactly `rowText`, and clicks it: not
 * Enter, which accepts whichever row ranks first ("Preferences: Browse Color Themes in Marketplace" for
 * "Preferences: Color Theme").
 */
async function pickFromQuickInput(page: Page, query: string, rowText: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const row = quickInputRow(page, rowText);
  const deadline = Date.now() + COMMAND_TIMEOUT_MS;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: ROW_WAIT_MS });
    await input.fill(query);
    try {
      await row.waitFor({ state: 'visible', timeout: ROW_WAIT_MS });
    } catch {
      shown = await rows.allInnerTexts();
      await page.keyboard.press('Escape');
      continue;
    }
    // A busy machine can take a while to act on the click; the row was there, so wait for it.
    await row.click({ timeout: CLICK_TIMEOUT_MS });
    return;
  }
  throw new Error(
    `the quick input never offered "${rowText}" for "${query}" within ${COMMAND_TIMEOUT_MS / 1000} s; ` +
      `it showed: ${shown.length ? shown.map((text) => JSON.stringify(text)).join(', ') : 'no rows'}`,
  );
}

/**
 * Accepts the item labelled exactly `label` in the quick pick a command has opened (Train Probes' task, the
 * colour theme, ...): types it to filter, then clicks its row, as a user would.
 */
export async function chooseQuickPickItem(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: COMMAND_TIMEOUT_MS });
  await input.fill(label);
  await quickInputRow(page, label).click({ timeout: COMMAND_TIMEOUT_MS });
  await input.waitFor({ state: 'hidden', timeout: COMMAND_TIMEOUT_MS });
}

/** The quick input's row whose label is exactly `label` (not one that merely contains it). */
function quickInputRow(page: Page, label: string): Locator {
  const exact = new RegExp(`^${literal(label)}$`);
  return page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
}

/** The document inside the active webview: VS Code nests it in an outer host frame. */
export function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The workbench root carries `vs` (light), `vs-dark` or `hc-black`/`hc-light` for the current theme. */
export async function waitForThemeKind(page: Page, kind: 'vs' | 'vs-dark'): Promise<void> {
  await page.locator(`.monaco-workbench.${kind}`).waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
}
