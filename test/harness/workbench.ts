import type { FrameLocator, Page } from 'playwright-core';

const WORKBENCH_TIMEOUT_MS = 60_000;
const COMMAND_TIMEOUT_MS = 60_000;
const ROW_WAIT_MS = 3_000;

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

/** Types `query` into the quick input (F1), waits for a row showing `rowText`, and accepts it. */
async function pickFromQuickInput(page: Page, query: string, rowText: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const row = rows.filter({ hasText: rowText }).first();
  const deadline = Date.now() + COMMAND_TIMEOUT_MS;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: ROW_WAIT_MS });
    await input.fill(query);
    try {
      await row.waitFor({ state: 'visible', timeout: ROW_WAIT_MS });
      await page.keyboard.press('Enter');
      return;
    } catch {
      shown = await rows.allInnerTexts();
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(
    `the quick input never offered "${rowText}" for "${query}" within ${COMMAND_TIMEOUT_MS / 1000} s; ` +
      `it showed: ${shown.length ? shown.map((text) => JSON.stringify(text)).join(', ') : 'no rows'}`,
  );
}

/** The document inside the active webview: VS Code nests it in an outer host frame. */
export function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** The workbench root carries `vs` (light), `vs-dark` or `hc-black`/`hc-light` for the current theme. */
export async function waitForThemeKind(page: Page, kind: 'vs' | 'vs-dark'): Promise<void> {
  await page.locator(`.monaco-workbench.${kind}`).waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
}
