import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { FUSION_STRATEGIES } from '../../src/core/heads/registry';
import { POOLING_STRATEGIES } from '../../src/core/heads/registry';
import type { CompareResult } from '../../src/core/result';
import { formatPercent } from '../../src/core/svg';
import { loadWorkbench, SAMPLE_FILE, SCREENSHOT_DIR, uiSession } from '../harness/ui-session';
import { activeWebview, openFileFromQuickOpen, runCommandFromPalette } from '../harness/workbench';
import { contrastRatio, over, parseCssColor, parseCssColorWithAlpha } from './color';
import { buildCompareResult, entityAt } from './compare-fixture';
import { readPanel, resolveColour, type ShownPanel } from './panel-dom';
import { postToPanel, webviewFrames } from './webview-frames';

const TEXT =
  'The film was a quiet delight from start to finish 😀.\n' +
  'Anna moved from Berlin to Lisbon in 2019 to work for Acme Corp.\n' +
  'In 東京 she met Dana; the sign said שלום.\n';
const NOTICE = 'The selection was cut to its first 100 characters (Probe Lens: max tokens).';

const THEMES = [
  { label: 'light', name: 'Default Light Modern', workbenchKind: 'vs', webviewClass: 'vscode-light' },
  { label: 'dark', name: 'Default Dark Modern', workbenchKind: 'vs-dark', webviewClass: 'vscode-dark' },
  { label: 'high-contrast', name: 'Default High Contrast', workbenchKind: 'hc-black', webviewClass: 'vscode-high-contrast' },
] as const;

/** Some entities every strategy finds, some only a few: the panel must make the difference visible. */
function fixtureEntities() {
  return [
    entityAt(TEXT, 'Anna', 'PER'),
    entityAt(TEXT, 'Berlin', 'LOC'),
    entityAt(TEXT, 'Lisbon', 'LOC', ['last', 'scalarmix', 'dwatt']),
    entityAt(TEXT, 'Lisbon', 'ORG', ['last+mlp']),
    entityAt(TEXT, 'Acme Corp', 'ORG', ['scalarmix', 'concat', 'dwatt']),
    entityAt(TEXT, '東京', 'LOC', ['dwatt']),
    entityAt(TEXT, 'Dana', 'PER', ['last', 'last+mlp', 'scalarmix', 'dwatt']),
  ];
}

async function openPanelWithResult(page: Page, theme: (typeof THEMES)[number], result: CompareResult): Promise<Frame> {
  await page.locator(`.monaco-workbench.${theme.workbenchKind}`).waitFor({ timeout: 60_000 });
  await openFileFromQuickOpen(page, SAMPLE_FILE);
  await runCommandFromPalette(page, 'Probe Lens: Open Panel');
  const webview = activeWebview(page);
  // The host's first answer, and VS Code's theme variables pushed into the webview.
  await webview.locator('.empty-state, .result').first().waitFor({ timeout: 30_000 });
  await webview.locator(`body.${theme.webviewClass}`).waitFor({ timeout: 30_000 });
  const { panel } = await webviewFrames(page);
  await postToPanel(panel, { type: 'result', result });
  await webview.locator('.encoder').nth(result.encoders.length - 1).waitFor({ timeout: 10_000 });
  return panel;
}

function assertShowsResult(shown: ShownPanel, result: CompareResult): void {
  assert.deepEqual(
    shown.columns.map((column) => column.name),
    ['tiny-bert-uncased', 'tiny-gpt2'],
  );
  shown.columns.forEach((column, c) => {
    const encoder = result.encoders[c];
    assert.deepEqual(
      column.sentiment,
      encoder.sentiment.map((row) => ({ strategy: row.strategy, label: row.label, probabilities: row.probabilities.map((p) => formatPercent(p.probability)) })),
    );
    assert.deepEqual(column.sentiment.map((row) => row.strategy), [...POOLING_STRATEGIES]);
    assert.equal(column.weightedText, result.text, 'the token-weight highlighting does not show the text as it is');
    assert.ok(column.weightedPieces >= encoder.tokens.filter((token) => !token.special).length * 0.5, `${column.name}: too few highlighted tokens`);

    assert.deepEqual(column.nerRows.map((row) => row.strategy), [...FUSION_STRATEGIES]);
    column.nerRows.forEach((row, r) => {
      const spans = encoder.ner[r].spans;
      assert.equal(row.text, result.text, `${column.name} ${row.strategy}: the entity row changes the text`);
      assert.deepEqual(row.marks.map((mark) => mark.text), spans.map((span) => span.text));
      row.marks.forEach((mark, m) => {
        assert.match(mark.title, new RegExp(`^${spans[m].type}, ${formatPercent(spans[m].confidence).replace('.', '\\.')} confidence`));
      });
    });
    // Same text, same width, same line breaks: every row is as tall, and a span every strategy found sits at
    // the same place in every row.
    const [first, ...others] = column.nerRows;
    for (const row of others) {
      assert.equal(row.width, first.width, `${column.name}: ${row.strategy}'s text box is not as wide as ${first.strategy}'s`);
      assert.equal(row.height, first.height, `${column.name}: ${row.strategy}'s text wraps differently from ${first.strategy}'s`);
      for (const shared of ['Anna', 'Berlin']) {
        const here = row.marks.find((mark) => mark.text === shared);
        const there = first.marks.find((mark) => mark.text === shared);
        assert.ok(here && there);
        assert.deepEqual([here.left, here.top], [there.left, there.top], `${column.name}: "${shared}" moved between ${first.strategy} and ${row.strategy}`);
      }
    }
    const differing = column.nerRows.flatMap((row) => row.marks.filter((mark) => mark.classes.includes('entity-differs')).map((mark) => `${row.strategy}:${mark.text}`));
    assert.ok(differing.includes('dwatt:東京') && differing.includes('last+mlp:Lisbon'), `spans not every strategy found are not marked: ${differing}`);
    assert.ok(!differing.some((mark) => mark.endsWith(':Anna')), 'a span every strategy found is marked as differing');
    assert.deepEqual(column.legend, ['LOC', 'ORG', 'PER', 'not found by every strategy']);

    const dwatt = encoder.ner.find((row) => row.strategy === 'dwatt');
    assert.ok(dwatt?.layerWeights?.kind === 'per-word');
    assert.equal(column.heatmaps.length, 1);
    assert.equal(column.heatmaps[0].cells, dwatt.words.length * dwatt.layerWeights.layers, 'the α heatmap does not draw a cell per word and layer');
    assert.match(column.heatmaps[0].label ?? '', /dwatt: α per word and layer/);
    assert.equal(column.barCharts, 1, 'ScalarMix layer weights are not drawn');
  });
  assert.deepEqual(shown.notices, result.notices);
  assert.deepEqual(
    shown.timings.map((row) => row.slice(1)),
    result.encoders.map(({ timings }) => [timings.loadMs, timings.encodeMs, timings.headsMs, timings.loadMs + timings.encodeMs + timings.headsMs].map((ms) => `${Math.round(ms)} ms`)),
  );
}

async function assertFollowsTheme(panel: Frame, shown: ShownPanel, label: string): Promise<void> {
  const body = parseCssColor(shown.bodyBackground);
  const text = parseCssColor(shown.bodyColour);
  const block = over(parseCssColorWithAlpha(shown.textBlockBackground), body);
  // Every highlight, painted over the text block, must leave the text readable (WCAG AA: 4.5:1).
  for (const column of shown.columns) {
    for (const row of column.nerRows) {
      for (const mark of row.marks) {
        const behind = over(parseCssColorWithAlpha(mark.background), block);
        const ratio = contrastRatio(parseCssColor(mark.colour), behind);
        assert.ok(ratio >= 4.5, `${label}: "${mark.text}" (${mark.classes.join(' ')}) has contrast ${ratio.toFixed(2)} on ${mark.background}`);
      }
    }
  }
  const strongest = await panel.evaluate(() => {
    const piece = document.querySelector('.weighted-token.weight-10');
    return piece ? getComputedStyle(piece).backgroundColor : '';
  });
  assert.ok(strongest, 'no token has the strongest weight highlight');
  const ratio = contrastRatio(text, over(parseCssColorWithAlpha(strongest), block));
  assert.ok(ratio >= 4.5, `${label}: the strongest token-weight highlight leaves contrast ${ratio.toFixed(2)}`);

  // Charts draw with the theme's colours (the panel's stylesheet), not the light fallback in their markup.
  const chart = await panel.evaluate(() => {
    const svg = document.querySelector('svg.pl-heatmap');
    const accent = svg?.querySelector('.pl-accent');
    return { text: svg ? getComputedStyle(svg).color : '', accent: accent ? getComputedStyle(accent).color : '' };
  });
  assert.equal(chart.text, shown.bodyColour, `${label}: chart labels are not drawn in the theme's foreground`);
  assert.equal(chart.accent, await resolveColour(panel, 'var(--vscode-charts-blue)'), `${label}: heatmap cells do not use the theme's chart colour`);
}

describe('the Probe Lens panel renders a comparison', () => {
  let result: CompareResult;
  before(async () => {
    result = await buildCompareResult({ text: TEXT, entities: fixtureEntities(), seed: 7, notices: [NOTICE] });
  });

  for (const theme of THEMES) {
    it(`shows both encoders side by side with sentiment, entities per strategy and layer weights (${theme.label} theme)`, async () => {
      const page = await loadWorkbench({ 'workbench.colorTheme': theme.name });
      const panel = await openPanelWithResult(page, theme, result);
      // The panel's group across the whole window: room for two columns side by side.
      await runCommandFromPalette(page, 'View: Maximize Editor Group and Hide Side Bars');
      await panel.waitForFunction(() => document.documentElement.clientWidth > 900, undefined, { timeout: 10_000 });
      const shown = await readPanel(panel);
      assertShowsResult(shown, result);
      assert.equal(shown.columns[0].top, shown.columns[1].top, 'the encoder columns are not side by side');
      assert.ok(!shown.horizontalOverflow, 'the panel scrolls sideways');
      await assertFollowsTheme(panel, shown, theme.label);
      assert.deepEqual(
        uiSession().consoleErrors.filter((message) => /Content Security Policy|Refused to/.test(message)),
        [],
        'the webview broke its Content Security Policy',
      );

      const webview = activeWebview(page);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `panel-result-${theme.label}.png`) });
      await webview.locator('.task-ner').first().evaluate((section) => section.scrollIntoView());
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `panel-entities-${theme.label}.png`) });
      await webview.locator('.task-fusion').first().evaluate((section) => section.scrollIntoView());
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `panel-fusion-${theme.label}.png`) });
    });
  }

  it('wraps the encoder columns under each other in a narrow panel, without sideways scrolling', async () => {
    const page = await loadWorkbench({ 'workbench.colorTheme': THEMES[0].name });
    await openPanelWithResult(page, THEMES[0], result);
    // Drag the sash between the editor and the panel to the right, as a user would, until the panel is 380 px.
    const [editorGroup, panelGroup] = await Promise.all([0, 1].map((i) => page.locator('.editor-group-container').nth(i).boundingBox()));
    assert.ok(editorGroup && panelGroup);
    const sash = { x: editorGroup.x + editorGroup.width, y: editorGroup.y + editorGroup.height / 2 };
    await page.mouse.move(sash.x, sash.y);
    await page.mouse.down();
    await page.mouse.move(sash.x + panelGroup.width - 380, sash.y, { steps: 8 });
    await page.mouse.up();
    // VS Code may rebuild the webview while laying out the groups anew: it draws again from its saved state.
    const { panel } = await webviewFrames(page);
    await panel.waitForFunction(() => document.documentElement.clientWidth < 400 && document.querySelectorAll('.encoder').length === 2, undefined, { timeout: 10_000 });

    const shown = await readPanel(panel);
    assert.ok(shown.columns[1].top > shown.columns[0].top, 'the columns did not wrap');
    assert.equal(shown.columns[1].left, shown.columns[0].left);
    assert.ok(!shown.horizontalOverflow, 'the narrow panel scrolls sideways');
    // Wrapping changes the width, not the alignment of the strategy rows.
    for (const column of shown.columns) assert.equal(new Set(column.nerRows.map((row) => row.height)).size, 1);
    // No room for a label column: it goes, and each probability's bar moves under its label and percentage.
    const layout = await panel.evaluate(() => {
      const row = document.querySelector('.probability') as Element;
      const [label, bar, value] = ['.probability-label', '.probability-bar', '.probability-value'].map((selector) => (row.querySelector(selector) as Element).getBoundingClientRect());
      return {
        labelColumn: getComputedStyle(document.querySelector('.sentiment-table td.predicted') as Element).display,
        barBelow: bar.top >= Math.max(label.bottom, value.bottom) - 1,
        labelWhole: (row.querySelector('.probability-label') as HTMLElement).scrollWidth <= (row.querySelector('.probability-label') as HTMLElement).clientWidth,
      };
    });
    assert.deepEqual(layout, { labelColumn: 'none', barBelow: true, labelWhole: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-narrow-light.png') });
  });
});
