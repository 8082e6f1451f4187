import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { CompareResult } from '../../src/core/result';
import { loadWorkbench, SAMPLE_FILE, SCREENSHOT_DIR } from '../harness/ui-session';
import { activeWebview, openFileFromQuickOpen, runCommandFromPalette } from '../harness/workbench';
import { buildCompareResult, capitalisedEntities, ENCODER_FOLDERS, entityAt, longText } from './compare-fixture';
import { literal } from '../literal';
import { readPanel, resolveColour } from './panel-dom';
import { clearPanelMessages, postToPanel, spyOnPanelMessages, waitForPanelMessage, webviewFrames, type WebviewFrames } from './webview-frames';

const TEXT = 'The film was a quiet delight from start to finish.\nAnna moved from Berlin to Lisbon in 2019.\n';

/** Quick Open (F1 without the `>`) of a workspace file, into the active editor group. */
async function openInActiveGroup(page: Page, fileName: string): Promise<void> {
  // Right after a click on the panel's tab the focus may sit in the webview, whose forwarding of F1 to the
  // workbench can be lost under load: press again until the quick input shows.
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 3_000 });
      break;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: fileName }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** The accessible name of the focused element in the panel (aria-label, else its text). */
async function focusedName(panel: Frame): Promise<string> {
  return panel.evaluate(() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body) return '(body)';
    return focused.getAttribute('aria-label') ?? focused.textContent?.trim() ?? focused.tagName;
  });
}

const shortName = (encoder: CompareResult['encoders'][number]) => path.basename(encoder.encoder.name);

describe('the Probe Lens panel: states, keyboard, host requests, restoring, a long text', () => {
  let page: Page;
  let frames: WebviewFrames;
  let result: CompareResult;

  before(async () => {
    result = await buildCompareResult({
      text: TEXT,
      entities: [entityAt(TEXT, 'Anna', 'PER'), entityAt(TEXT, 'Berlin', 'LOC'), entityAt(TEXT, 'Lisbon', 'LOC', ['dwatt', 'scalarmix'])],
      seed: 3,
      missing: [{ encoder: 1, task: 'ner' }],
    });
    page = await loadWorkbench({ 'workbench.colorTheme': 'Default Dark Modern' });
    await openFileFromQuickOpen(page, SAMPLE_FILE);
    await runCommandFromPalette(page, 'Probe Lens: Open Panel');
    await activeWebview(page).locator('.empty-state').waitFor({ timeout: 30_000 });
    frames = await webviewFrames(page);
  });

  it('shows what is being probed while loading, and keeps the last result through a new run and an error', async () => {
    const webview = activeWebview(page);
    const encoders = ENCODER_FOLDERS.map(({ folder }) => folder);
    await postToPanel(frames.panel, { type: 'loading', text: TEXT, encoders, message: 'Loading tiny-gpt2…' });
    const banner = webview.locator('.banner-loading');
    await banner.waitFor({ timeout: 5_000 });
    assert.match(await banner.innerText(), /Probing “The film was a quiet delight[^”]*”\s+with tiny-bert-uncased, tiny-gpt2\s+Loading tiny-gpt2…/);
    assert.equal(await banner.locator('vscode-progress-ring').count(), 1);
    assert.equal(await webview.locator('.empty-state, .encoder').count(), 0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-loading-dark.png') });

    await postToPanel(frames.panel, { type: 'result', result });
    await webview.locator('.encoder').nth(1).waitFor({ timeout: 10_000 });
    assert.equal(await webview.locator('.banner').count(), 0);
    const missing = webview.locator('.encoder').nth(1).locator('.task-ner .missing');
    assert.match(await missing.innerText(), /No NER probes for tiny-gpt2 yet\.[\s\S]*Train probes/);

    await postToPanel(frames.panel, { type: 'loading', text: 'Another text', encoders });
    await webview.locator('.banner-loading').waitFor({ timeout: 5_000 });
    assert.equal(await webview.locator('.encoder').count(), 2, 'the last result went away while loading');

    const message = 'The encoder folder /models/nope does not exist. Check "probeLens.encoders" in the settings.';
    await postToPanel(frames.panel, { type: 'error', message });
    const alert = webview.locator('.banner-error[role="alert"]');
    await alert.waitFor({ timeout: 5_000 });
    assert.ok((await alert.innerText()).includes(message));
    assert.equal(await webview.locator('.encoder').count(), 2, 'the last result went away after an error');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-error-dark.png') });
  });

  it('is reached with Tab in reading order, shows a focus ring, and sends copy, save and train requests on Enter and Space', async () => {
    const webview = activeWebview(page);
    await postToPanel(frames.panel, { type: 'result', result });
    await webview.locator('.banner').waitFor({ state: 'detached', timeout: 5_000 });
    await spyOnPanelMessages(frames.outer);
    await clearPanelMessages(frames.outer);

    // Tab from the top of the panel, recording where focus goes.
    await webview.locator('.toolbar h1').click();
    const order: string[] = [];
    // Each strategy's row is a stop (focus shows the layer it leans on, as hovering does), then its table's Save CSV.
    const rows = (encoder: CompareResult['encoders'][number]) => [
      ...encoder.sentiment.map((row) => new RegExp(`^${literal(row.strategy)}leans on layer \\d`)),
      new RegExp(`^Save CSV of the sentiment of ${literal(shortName(encoder))}$`),
    ];
    const nerLabels = (encoder: CompareResult['encoders'][number]) => encoder.ner.map((row) => new RegExp(`^${literal(row.strategy)}\\d+ entit`));
    const [bert, gpt2] = result.encoders;
    const expected = [
      /^Copy the result as JSON$/,
      ...rows(bert),
      ...nerLabels(bert),
      /^Save SVG of scalarmix: weight per layer \(γ = \d\.\d\d\), tiny-bert-uncased$/,
      /^dwatt: α per word and layer, tiny-bert-uncased$/,
      /^Save SVG of dwatt: α per word and layer, tiny-bert-uncased$/,
      ...rows(gpt2),
      /^Train NER probes$/,
    ];
    for (const pattern of expected) {
      await page.keyboard.press('Tab');
      order.push(await focusedName(frames.panel));
      assert.match(order.at(-1) ?? '', pattern, `Tab stop ${order.length} of: ${order.join(' → ')}`);
    }

    // Back to the heatmap's scroll box: keyboard focus draws the theme's focus border around it.
    // Back over tiny-gpt2's sentiment rows and their Save CSV, and tiny-bert-uncased's Save SVG of dwatt.
    for (let stop = 0; stop < gpt2.sentiment.length + 3; stop++) await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedName(frames.panel), 'dwatt: α per word and layer, tiny-bert-uncased');
    const ring = await frames.panel.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: style.outlineWidth, colour: style.outlineColor };
    });
    assert.deepEqual(ring, { style: 'solid', width: '1px', colour: await resolveColour(frames.panel, 'var(--vscode-focusBorder)') });

    await webview.locator('.toolbar h1').click();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const copy = await waitForPanelMessage(frames.outer, 'copy');
    assert.equal(copy.what, 'result');
    assert.deepEqual(JSON.parse(copy.text), result);

    await webview.getByRole('button', { name: 'Train NER probes' }).focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await waitForPanelMessage(frames.outer, 'train'), { type: 'train', task: 'ner' });

    // Last, as the host answers with its save dialog, which is closed again here.
    await webview.getByRole('button', { name: /^Save SVG of dwatt/ }).focus();
    await page.keyboard.press('Space');
    const save = await waitForPanelMessage(frames.outer, 'saveSvg');
    assert.equal(save.suggestedName, 'probe-lens-tiny-bert-uncased-dwatt-alpha.svg');
    // The saved file is the standalone chart: with its own theme <style>, which the panel does not draw.
    assert.match(save.svg, /^<svg [^>]*class="pl-chart pl-heatmap"[\s\S]*<style>[\s\S]*<\/svg>$/);
    const dialog = page.locator('.quick-input-widget');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('draws its saved result again when the panel comes back from the background', async () => {
    const webview = activeWebview(page);
    await postToPanel(frames.panel, { type: 'result', result });
    await webview.locator('.encoder').nth(1).waitFor({ timeout: 10_000 });
    const before = await readPanel(frames.panel);
    await frames.panel.evaluate(() => ((window as Window & { probeLensMarker?: boolean }).probeLensMarker = true));

    // Another editor in the panel's group hides the panel; VS Code drops its document until it is shown again.
    const panelTab = page.locator('.tabs-container .tab').filter({ hasText: 'Probe Lens' });
    await panelTab.click();
    await openInActiveGroup(page, SAMPLE_FILE);
    await page.getByRole('tab', { name: `${SAMPLE_FILE}, Editor Group 2` }).waitFor({ timeout: 10_000 });
    await panelTab.click();
    await activeWebview(page).locator('.encoder').nth(1).waitFor({ timeout: 30_000 });
    frames = await webviewFrames(page);
    const recreated = await frames.panel.evaluate(() => (window as Window & { probeLensMarker?: boolean }).probeLensMarker === undefined);
    assert.ok(recreated, 'the panel kept its document while hidden, so this test did not exercise restoring');
    const after = await readPanel(frames.panel);
    assert.deepEqual(
      after.columns.map((column) => [column.name, column.sentiment, column.nerRows.map((row) => [row.strategy, row.text, row.marks.map((mark) => mark.title)])]),
      before.columns.map((column) => [column.name, column.sentiment, column.nerRows.map((row) => [row.strategy, row.text, row.marks.map((mark) => mark.title)])]),
    );
  });

  it('draws a 512-token text with 2 encoders × 5 pooling × 5 fusion strategies without freezing', async () => {
    const text = await longText();
    const long = await buildCompareResult({ text, entities: capitalisedEntities(text), seed: 11, notices: ['Shown: the first 510 tokens.'] });
    // Dispatched synchronously, so the time covers handling, saving the state, building the DOM and layout.
    const timing = await frames.panel.evaluate((data) => {
      const start = performance.now();
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'result', result: data } }));
      const height = document.documentElement.scrollHeight;
      return { ms: performance.now() - start, height, elements: document.querySelectorAll('*').length };
    }, long);
    console.log(
      `      ${long.encoders.map((e) => e.tokens.length).join(' + ')} tokens, ${text.length} characters: drawn in ` +
        `${timing.ms.toFixed(0)} ms (${timing.elements} elements, ${timing.height} px tall)`,
    );
    assert.ok(timing.ms < 3_000, `drawing a 512-token comparison took ${timing.ms.toFixed(0)} ms`);
    const shown = await readPanel(frames.panel);
    for (const [c, column] of shown.columns.entries()) {
      assert.equal(column.nerRows.length, 5);
      assert.equal(new Set(column.nerRows.map((row) => row.height)).size, 1, `${column.name}: strategy rows wrap differently`);
      assert.ok(column.nerRows.every((row) => row.text === text));
      const dwatt = long.encoders[c].ner.find((row) => row.strategy === 'dwatt');
      assert.equal(column.heatmaps[0]?.cells, (dwatt?.words.length ?? 0) * 7);
    }
    // The train request of an earlier test made the host report (offline) download failures.
    await runCommandFromPalette(page, 'Notifications: Clear All Notifications');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-long-dark.png') });
  });
});
