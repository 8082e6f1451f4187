/**
 * The whole flow as a user meets it, with nothing posted into the panel by the test: settings pointing at the
 * two tiny encoders and local training files, Train Probes from the palette, text selected with the keyboard,
 * Compare Pooling from the palette, a hover over an entity, a switch to a dark theme, a window reload.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_DATASETS } from '../../src/core/data/catalogue';
import { FUSION_STRATEGIES } from '../../src/core/heads/registry';
import { POOLING_STRATEGIES } from '../../src/core/heads/registry';
import type { CompareResult } from '../../src/core/result';
import { formatPercent } from '../../src/core/svg';
import { loadWorkbench, SCREENSHOT_DIR, uiSession } from '../harness/ui-session';
import { activeWebview, chooseQuickPickItem, openFileFromQuickOpen, runCommandFromPalette, waitForThemeKind } from '../harness/workbench';
import { parseCssColor, relativeLuminance } from './color';
import { localTrainingSettings } from './compare-fixture';
import { hoverText } from './editor-dom';
import { readPanel, type ShownPanel } from './panel-dom';
import { spyOnPanelMessages, waitForPanelMessage, webviewFrames } from './webview-frames';

const FILE = 'compare-flow.txt';
// Short lines, so nothing wraps in the full-width editor and Shift+Down / Shift+End select whole lines.
const SELECTED =
  'The film was a quiet delight from start to finish, and the cast was wonderful.\n' +
  'Germany beat England 2-1 at Wembley in London on Saturday, Reuters reported.';
const TEXT = `${SELECTED}\n\nThis paragraph is not selected.\n`;
// Names CoNLL-2003's training text tags as entities again and again: the hover is expected on some of them.
const ENTITY_WORDS = ['Germany', 'England', 'London', 'Wembley', 'Reuters'];
const SENTIMENT_LABELS = ['negative', 'positive'];
// Small enough to train 2 encoders × (5 pooling + 5 fusion) heads in a few minutes on a loaded machine.
const FEW_SHOT_SIZE = 100;
const TRAIN_TIMEOUT_MS = 12 * 60_000;
const COMPARE_TIMEOUT_MS = 3 * 60_000;

function flowSettings(): Record<string, unknown> {
  return { 'workbench.colorTheme': 'Default Light Modern', ...localTrainingSettings(FEW_SHOT_SIZE) };
}

/** What a reload must bring back: everything the panel shows of the result (not layout or colours). */
function content(shown: ShownPanel) {
  return shown.columns.map((column) => ({
    name: column.name,
    sentiment: column.sentiment,
    weightedText: column.weightedText,
    ner: column.nerRows.map((row) => ({ strategy: row.strategy, text: row.text, marks: row.marks.map((mark) => [mark.text, mark.title]) })),
    legend: column.legend,
    heatmaps: column.heatmaps,
    barCharts: column.barCharts,
  }));
}

function assertPanelShows(shown: ShownPanel, result: CompareResult): void {
  assert.deepEqual(shown.columns.map((column) => column.name), ['tiny-bert-uncased', 'tiny-gpt2']);
  shown.columns.forEach((column, c) => {
    const encoder = result.encoders[c];
    assert.deepEqual(
      column.sentiment,
      encoder.sentiment.map((row) => ({ strategy: row.strategy, label: row.label, probabilities: row.probabilities.map((p) => formatPercent(p.probability)) })),
      `${column.name}: the sentiment table is not the result's`,
    );
    assert.deepEqual(column.nerRows.map((row) => row.strategy), [...FUSION_STRATEGIES]);
    column.nerRows.forEach((row, r) => {
      assert.equal(row.text, result.text, `${column.name} ${row.strategy}: the entity row does not show the selection`);
      const spans = encoder.ner[r].spans;
      assert.deepEqual(row.marks.map((mark) => mark.text), spans.map((span) => span.text), `${column.name} ${row.strategy}: spans`);
      row.marks.forEach((mark, m) => assert.ok(mark.title.startsWith(`${spans[m].type}, `), `${column.name} ${row.strategy}: "${mark.title}"`));
    });
    const dwatt = encoder.ner.find((row) => row.strategy === 'dwatt');
    assert.ok(dwatt?.layerWeights?.kind === 'per-word', `${column.name}: no DWAtt α in the result`);
    assert.equal(column.heatmaps.length, 1, `${column.name}: no DWAtt heatmap`);
    assert.match(column.heatmaps[0].label ?? '', /^dwatt: α per word and layer/);
    assert.equal(column.heatmaps[0].cells, dwatt.words.length * dwatt.layerWeights.layers, `${column.name}: the heatmap lacks cells`);
    assert.equal(column.barCharts, 1, `${column.name}: no ScalarMix layer weights`);
    assert.deepEqual(column.missing, []);
  });
}

/** Each probability bar's filled share of its track, in the panel's order (encoder, strategy, label). */
async function barFills(page: Page): Promise<number[]> {
  const { panel } = await webviewFrames(page);
  return panel.evaluate(() =>
    Array.from(document.querySelectorAll('.sentiment-table .probability-bar'), (bar) => {
      const track = (bar.querySelector('.probability-track') as SVGGraphicsElement).getBoundingClientRect().width;
      return (bar.querySelector('.probability-fill') as SVGGraphicsElement).getBoundingClientRect().width / track;
    }),
  );
}

/** The workbench as the user sees it, then each encoder's sections scrolled into the panel's view. */
async function screenshots(page: Page, theme: string): Promise<void> {
  const webview = activeWebview(page);
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `compare-flow-${name}${theme}.png`) });
  await shot('');
  for (const [index, encoder] of ['bert', 'gpt2'].entries()) {
    const column = webview.locator('.encoder').nth(index);
    // The first picture already shows the first encoder's sentiment.
    const sections = index === 0 ? [] : [['.encoder-header', 'sentiment']];
    sections.push(['.task-ner', 'entities'], ['.task-fusion', 'fusion']);
    for (const [section, name] of sections) {
      await column.locator(section).evaluate((element) => element.scrollIntoView());
      await shot(`${encoder}-${name}-`);
    }
  }
  await webview.locator('.toolbar').evaluate((element) => element.scrollIntoView());
}

describe('the real flow in the browser: train, select, compare, hover, switch theme, reload', () => {
  let page: Page;
  let result: CompareResult;
  let shown: ShownPanel;

  before(async () => {
    fs.writeFileSync(path.join(uiSession().run.workspace, FILE), TEXT);
    page = await loadWorkbench(flowSettings());
    await waitForThemeKind(page, 'vs');
    await openFileFromQuickOpen(page, FILE);
  });

  it('trains sentiment and NER probes of both encoders from the palette, behind a cancellable progress notification', async function () {
    this.timeout(TRAIN_TIMEOUT_MS + 60_000);
    const started = Date.now();
    await runCommandFromPalette(page, 'Probe Lens: Train Probes');
    await chooseQuickPickItem(page, 'Sentiment and NER');
    const toasts = page.locator('.notifications-toasts .notification-toast');
    const progress = toasts.filter({ hasText: 'Probe Lens: training sentiment and NER probes' });
    await progress.waitFor({ timeout: 60_000 });
    assert.equal(await progress.getByRole('button', { name: 'Cancel' }).count(), 1, 'the training notification cannot be cancelled');
    await progress.waitFor({ state: 'detached', timeout: TRAIN_TIMEOUT_MS });
    const shownToasts = await toasts.allInnerTexts();
    const probes = 2 * (POOLING_STRATEGIES.length + FUSION_STRATEGIES.length);
    const summary = shownToasts.find((text) => text.includes(`Probe Lens: Trained ${probes} probes`));
    assert.ok(summary, `training did not end with its summary; notifications: ${shownToasts.join(' | ')}`);
    console.log(`      trained in ${Math.round((Date.now() - started) / 1000)} s: ${summary.split('\n').find((line) => line.includes('Trained'))}`);
    await runCommandFromPalette(page, 'Notifications: Clear All Notifications');
  });

  it('compares the text selected with the keyboard, and the panel shows sentiment bars, spans per strategy and α for both encoders', async function () {
    this.timeout(COMPARE_TIMEOUT_MS + 60_000);
    await page.locator('.monaco-editor .view-line').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    await page.locator('.statusbar-item').filter({ hasText: `(${SELECTED.length} selected)` }).waitFor({ timeout: 10_000 });

    await runCommandFromPalette(page, 'Probe Lens: Compare Pooling');
    const webview = activeWebview(page);
    await webview.locator('.encoder').nth(1).waitFor({ timeout: COMPARE_TIMEOUT_MS });
    await webview.locator('.banner-loading').waitFor({ state: 'detached', timeout: COMPARE_TIMEOUT_MS });
    assert.equal(await page.locator('.editor-group-container').count(), 2, 'the panel did not open beside the editor');

    // The result as the panel's own "Copy as JSON" gives it: what every check below compares the drawing with.
    const frames = await webviewFrames(page);
    await spyOnPanelMessages(frames.outer);
    await webview.getByRole('button', { name: 'Copy the result as JSON' }).click();
    result = JSON.parse((await waitForPanelMessage(frames.outer, 'copy')).text) as CompareResult;
    assert.equal(result.text, SELECTED, 'the comparison is not of the selection');
    // The one notice: cls pooling on the causal GPT-2 reads a first token that sees nothing else.
    assert.equal(result.notices.length, 1, result.notices.join('\n'));
    assert.match(result.notices[0], /tiny-gpt2 is a causal gpt2 model: cls pooling reads the first token/);
    for (const encoder of result.encoders) {
      assert.deepEqual(encoder.missing, [], `${encoder.encoder.name} lacks probes after training`);
      assert.deepEqual(encoder.sentiment.map((row) => row.strategy), [...POOLING_STRATEGIES]);
      assert.deepEqual(encoder.ner.map((row) => row.strategy), [...FUSION_STRATEGIES]);
      for (const row of encoder.sentiment) assert.deepEqual(row.probabilities.map((p) => p.label), SENTIMENT_LABELS);
    }
    const found = result.encoders.map(({ encoder, ner }) => `${path.basename(encoder.name)}: ${ner.map((row) => `${row.strategy} ${row.spans.length}`).join(', ')}`);
    console.log(`      entities found per strategy: ${found.join('; ')}`);
    assert.ok(result.encoders.some((encoder) => encoder.ner.some((row) => row.spans.length > 0)), 'no strategy of either encoder found an entity in a sentence full of them');

    shown = await readPanel(frames.panel);
    assertPanelShows(shown, result);
    const fills = await barFills(page);
    const probabilities = result.encoders.flatMap((encoder) => encoder.sentiment.flatMap((row) => row.probabilities.map((p) => p.probability)));
    assert.equal(fills.length, probabilities.length, 'not one bar per label and strategy');
    fills.forEach((fill, i) => assert.ok(Math.abs(fill - probabilities[i]) < 0.02, `bar ${i} is ${fill.toFixed(3)} full for ${probabilities[i].toFixed(3)}`));
    assert.deepEqual(
      uiSession().consoleErrors.filter((message) => /Content Security Policy|Refused to/.test(message)),
      [],
      'the webview broke its Content Security Policy',
    );
    await screenshots(page, 'light');
  });

  it('hovering a known entity in the editor shows its NER tag, strategy and encoder', async function () {
    this.timeout(90_000);
    const hovers: string[] = [];
    for (const word of ENTITY_WORDS) {
      // The first hover tags the line in the worker; the others reuse that line's tags.
      const text = await hoverText(page, word, hovers.length === 0 ? 30_000 : 5_000);
      if (!text?.includes('fusion')) continue;
      hovers.push(`${word}: ${text.replace(/\s+/g, ' ')}`);
      if (hovers.length === 1) await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'compare-flow-hover-light.png') });
      const types = DEFAULT_DATASETS.conll2003.labels.join('|');
      assert.match(text, new RegExp(`^[BI]-(${types}) · confidence [01]\\.\\d\\d\\s+dwatt fusion · tiny-bert-uncased$`), text);
    }
    console.log(`      hovers: ${hovers.join('; ')}`);
    assert.ok(hovers.length > 0, `no entity hover over any of ${ENTITY_WORDS.join(', ')}`);
    await page.mouse.move(5, 400);
  });

  it('follows a switch to a dark colour theme, chosen from the palette', async function () {
    this.timeout(90_000);
    await runCommandFromPalette(page, 'Preferences: Color Theme');
    await chooseQuickPickItem(page, 'Dark Modern');
    await waitForThemeKind(page, 'vs-dark');
    const { panel } = await webviewFrames(page);
    await panel.locator('body.vscode-dark').waitFor({ timeout: 30_000 });
    const dark = await readPanel(panel);
    assert.ok(relativeLuminance(parseCssColor(dark.bodyBackground)) < 0.5, `the panel's background ${dark.bodyBackground} stayed light`);
    assert.deepEqual(content(dark), content(shown), 'the theme switch changed what the panel shows');
    await screenshots(page, 'dark');
  });

  it('comes back with the same result after Developer: Reload Window', async function () {
    this.timeout(3 * 60_000);
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommandFromPalette(page, 'Developer: Reload Window');
    await reloaded;
    await waitForThemeKind(page, 'vs-dark');
    const webview = activeWebview(page);
    await webview.locator('.encoder').nth(1).waitFor({ timeout: 90_000 });
    assert.equal(await page.locator('.tabs-container .tab').filter({ hasText: 'Probe Lens' }).count(), 1, 'no Probe Lens tab after the reload');
    assert.equal(await page.locator('.editor-group-container').count(), 2, 'the panel is no longer beside the editor');
    const { panel } = await webviewFrames(page);
    const restored = await readPanel(panel);
    assert.deepEqual(content(restored), content(shown), 'the restored panel shows something else');
    assert.equal(await webview.locator('.empty-state, .banner:not(.notices)').count(), 0, 'the restored panel shows a status over the result');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'compare-flow-restored-dark.png') });
  });
});
