import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { layerLean } from '../../src/core/layer-lean';
import type { CompareResult } from '../../src/core/result';
import type { LayerSweeps } from '../../src/protocol/webview';
import { loadWorkbench, SCREENSHOT_DIR, uiSession } from '../harness/ui-session';
import { activeWebview, chooseQuickPickItem, runCommandFromPalette } from '../harness/workbench';
import { buildCompareResult, ENCODER_FOLDERS, entityAt, localTrainingSettings } from './compare-fixture';
import { clearPanelMessages, postToPanel, spyOnPanelMessages, waitForPanelMessage, webviewFrames } from './webview-frames';

const TEXT = 'The film was a quiet delight from start to finish.\nAnna moved from Berlin to Lisbon in 2019.\n';
const SWEEP_TIMEOUT_MS = 240_000;

const THEMES = [
  { label: 'light', name: 'Default Light Modern', workbenchKind: 'vs', webviewClass: 'vscode-light' },
  { label: 'dark', name: 'Default Dark Modern', workbenchKind: 'vs-dark', webviewClass: 'vscode-dark' },
  { label: 'high-contrast', name: 'Default High Contrast', workbenchKind: 'hc-black', webviewClass: 'vscode-high-contrast' },
] as const;

/** The sweep the extension keeps in its global storage (what the panel must show). */
function keptSweep(): LayerSweeps {
  const files = fs.readdirSync(uiSession().run.userData, { recursive: true, encoding: 'utf8' }).filter((file) => path.basename(file) === 'layer-sweeps.json');
  assert.equal(files.length, 1, `layer-sweeps.json under the user data folder: ${files.join(', ')}`);
  return JSON.parse(fs.readFileSync(path.join(uiSession().run.userData, files[0]), 'utf8')).layers;
}

/** Waits until a lean note is fully shown (it fades in). */
async function leanShown(panel: Frame, lean: Locator): Promise<void> {
  await panel.waitForFunction((node) => node !== null && getComputedStyle(node).opacity === '1', await lean.elementHandle(), { timeout: 5_000 });
}

/** What the Layers section shows, read from the panel's DOM. */
async function readLayers(panel: Frame) {
  return panel.evaluate(() =>
    Array.from(document.querySelectorAll('.layers-encoder')).map((column) => ({
      encoder: column.querySelector('.encoder-name')?.textContent ?? '',
      top: Math.round(column.getBoundingClientRect().top),
      tasks: Array.from(column.querySelectorAll('.layers-task')).map((task) => ({
        heading: task.querySelector('h4')?.textContent ?? '',
        curves: task.querySelectorAll('svg.pl-line-chart').length,
        caption: task.querySelector('.chart-caption')?.textContent ?? '',
        bestRow: Array.from(task.querySelectorAll('.layer-table-scores tbody tr')).find((row) => row.querySelector('th')?.textContent === 'best layer')?.textContent ?? '',
        // The selectivity table right after the scores: beside them when both fit the column, else under them.
        selectivityNext: (() => {
          const [scores, selectivity] = Array.from(task.querySelectorAll('.layer-tables > .report-table-block'));
          if (!scores?.querySelector('.layer-table-scores') || !selectivity?.querySelector('.layer-table-selectivity')) return 'missing';
          const [a, b] = [scores.getBoundingClientRect(), selectivity.getBoundingClientRect()];
          if (Math.abs(a.top - b.top) < 2 && b.left >= a.right) return 'beside';
          return b.top >= a.bottom ? 'under' : 'elsewhere';
        })(),
        csvButtons: task.querySelectorAll('vscode-button[aria-label^="Save CSV"]').length,
      })),
    })),
  );
}

describe('the Layers section: Sweep Layers from the palette, the curves side by side, the hovered strategy\'s layer, CSV', () => {
  let layers: LayerSweeps;
  let result: CompareResult;

  before(async () => {
    result = await buildCompareResult({ text: TEXT, entities: [entityAt(TEXT, 'Anna', 'PER'), entityAt(TEXT, 'Berlin', 'LOC')], seed: 5 });
  });

  for (const [t, theme] of THEMES.entries()) {
    it(`${t === 0 ? 'sweeps both tasks of both tiny encoders and shows' : 'shows again after a reload'} the curves, best and expected layers (${theme.label} theme)`, async function () {
      this.timeout(SWEEP_TIMEOUT_MS + 120_000);
      const page = await loadWorkbench({ ...localTrainingSettings(60), 'workbench.colorTheme': theme.name });
      await page.locator(`.monaco-workbench.${theme.workbenchKind}`).waitFor({ timeout: 60_000 });
      // No editor and no side bar: the panel takes the window's width, room for the two encoders side by side.
      await runCommandFromPalette(page, 'View: Toggle Primary Side Bar Visibility');
      await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10_000 });
      const webview = activeWebview(page);
      if (t === 0) {
        await runCommandFromPalette(page, 'Probe Lens: Sweep Layers');
        await chooseQuickPickItem(page, 'Sentiment and NER');
        const progress = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'Probe Lens: sweeping the layers (sentiment and NER)' });
        await progress.waitFor({ timeout: 60_000 });
        assert.equal(await progress.getByRole('button', { name: 'Cancel' }).count(), 1, 'the sweep notification cannot be cancelled');
        await progress.waitFor({ state: 'detached', timeout: SWEEP_TIMEOUT_MS });
        await runCommandFromPalette(page, 'Notifications: Clear All Notifications');
      } else {
        // A new window: the host reads the sweep it kept in its global storage.
        await runCommandFromPalette(page, 'Probe Lens: Open Panel');
      }
      await webview.locator('.layers-encoder').nth(1).waitFor({ timeout: 60_000 });
      await webview.locator(`body.${theme.webviewClass}`).waitFor({ timeout: 30_000 });
      const { panel, outer } = await webviewFrames(page);
      await panel.waitForFunction(() => document.documentElement.clientWidth > 900, undefined, { timeout: 10_000 });
      layers ??= keptSweep();
      const shown = await readLayers(panel);
      assert.deepEqual(shown.map((c) => c.encoder), ENCODER_FOLDERS.map(({ folder }) => folder));
      assert.equal(shown[0].top, shown[1].top, 'the encoders are not side by side');
      for (const [c, column] of shown.entries()) {
        assert.deepEqual(column.tasks.map((task) => task.heading.split(':')[0]), ['Sentiment', 'NER']);
        for (const [k, task] of column.tasks.entries()) {
          const sweep = layers.sweeps.find((s) => s.encoder === column.encoder && s.task === (k === 0 ? 'sentiment' : 'ner'))?.sweep;
          assert.ok(sweep, `${column.encoder}: no sweep kept for task ${k}`);
          assert.equal(task.curves, 1);
          const marks = sweep.strategies.map((s) => `${s.strategy} ${s.bestLayer === 0 ? 'emb' : s.bestLayer} (${s.expectedLayer === null ? 'none' : s.expectedLayer.toFixed(1)})`);
          assert.ok(task.caption.includes(`Best layer (expected layer): ${marks.join(', ')}.`), `${c}/${k}: the best and expected layers are not named: ${task.caption}`);
          assert.equal(task.bestRow, ['best layer', ...sweep.strategies.map((s) => (s.bestLayer === 0 ? 'emb' : String(s.bestLayer)))].join(''));
          // NER's one strategy makes narrow tables: side by side; sentiment's seven may need the column's width each.
          assert.ok(k === 1 ? task.selectivityNext === 'beside' : task.selectivityNext !== 'elsewhere' && task.selectivityNext !== 'missing', `${c}/${k}: selectivity ${task.selectivityNext}`);
          assert.equal(task.csvButtons, 5, 'scores, selectivity, control, MDL and compression each save as CSV');
        }
      }
      await webview.locator('.layers').first().evaluate((section) => section.scrollIntoView());
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `panel-layers-${theme.label}.png`) });
      await webview.locator('.layers-sentiment .layer-tables').first().evaluate((tables) => tables.scrollIntoView());
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `panel-layers-tables-${theme.label}.png`) });
      await webview.locator('.layers-ner').first().evaluate((section) => section.scrollIntoView());
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `panel-layers-ner-${theme.label}.png`) });

      // A comparison above the sweep: hovering a strategy's row shows the layer it leans on.
      await postToPanel(panel, { type: 'result', result });
      await webview.locator('.encoder').nth(1).waitFor({ timeout: 10_000 });
      assert.equal(await webview.locator('.layers-encoder').count(), 2, 'the comparison replaced the Layers section');
      const bert = result.encoders[0];
      const scalarmix = webview.locator('.task-ner .ner-strategy').filter({ hasText: /^scalarmix/ }).first();
      const lean = scalarmix.locator('.lean');
      assert.equal(await lean.evaluate((node) => getComputedStyle(node).opacity), '0', 'the lean shows before hovering');
      await scalarmix.hover();
      await leanShown(panel, lean);
      const expected = layerLean(bert, 'ner', 'scalarmix');
      assert.ok(expected?.layer !== undefined && expected.layer !== null);
      assert.equal(await lean.locator('.lean-label').textContent(), expected.layer === 0 ? 'leans on the embeddings (layer 0)' : `leans on layer ${expected.layer}`);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `panel-lean-ner-${theme.label}.png`) });
      // The keyboard shows it too: focus a sentiment row.
      const row = webview.locator('.sentiment-table tbody tr').filter({ hasText: /^weighted/ }).first();
      await row.focus();
      await leanShown(panel, row.locator('.lean'));
      assert.equal(await row.locator('.lean-label').textContent(), `leans on layer ${bert.encoder.layers}`);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `panel-lean-sentiment-${theme.label}.png`) });

      if (t === 0) {
        // Save CSV: the table goes to the host, which asks where (its dialog is closed again here).
        await spyOnPanelMessages(outer);
        await clearPanelMessages(outer);
        await webview.getByRole('button', { name: /^Save CSV of Selectivity/ }).first().click();
        const save = await waitForPanelMessage(outer, 'saveCsv');
        assert.equal(save.suggestedName, 'probe-lens-tiny-bert-uncased-sentiment-layers-selectivity.csv');
        const sentiment = layers.sweeps.find((s) => s.task === 'sentiment')?.sweep;
        assert.deepEqual(save.header, ['layer', ...(sentiment?.strategies.map((s) => s.strategy) ?? [])]);
        assert.equal(save.rows.length, sentiment?.layerCount);
        const dialog = page.locator('.quick-input-widget');
        await dialog.waitFor({ state: 'visible', timeout: 10_000 });
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
      }
    });
  }
});
