/**
 * Probe Lens: Show Experiment Report as a user meets it: experiment folders in the workspace (the committed
 * SST-2 pooling results, and a fusion experiment this test runs with the CLI's --quick mode), the command from
 * the palette, the experiment picked from its quick pick, and the report read in its panel, light and dark.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { ExperimentResults } from '../../src/core/experiments';
import { pointsSpread } from '../../src/core/experiments/format';
import { REPO_ROOT } from '../harness/repo-root';
import { loadWorkbench, SCREENSHOT_DIR, uiSession } from '../harness/ui-session';
import { activeWebview, chooseQuickPickItem, runCommandFromPalette, waitForThemeKind } from '../harness/workbench';
import { contrastRatio, parseCssColor, relativeLuminance } from './color';
import { SHARED_DIR } from './compare-fixture';

const THEMES = [
  { label: 'light', name: 'Default Light Modern', workbenchKind: 'vs', webviewClass: 'vscode-light' },
  { label: 'dark', name: 'Default Dark Modern', workbenchKind: 'vs-dark', webviewClass: 'vscode-dark' },
] as const;

const POOLING = 'experiments/pooling-sst2';
const FUSION = 'experiments/fusion-quick';
const EXPERIMENT_TIMEOUT_MS = 4 * 60_000;

/** Copies the committed pooling results and runs a quick fusion experiment into the test workspace. */
async function experimentFolders(): Promise<Record<string, ExperimentResults>> {
  const workspace = uiSession().run.workspace;
  const pooling = path.join(workspace, POOLING);
  fs.mkdirSync(pooling, { recursive: true });
  for (const name of ['results.json', 'report.md']) fs.copyFileSync(path.join(REPO_ROOT, 'docs', 'results', 'pooling-sst2', name), path.join(pooling, name));
  const conll = path.join(SHARED_DIR, 'data', 'conll2003');
  const models = ['tiny-bert-uncased', 'tiny-gpt2'].flatMap((name) => ['-m', path.join(SHARED_DIR, 'models', name)]);
  await promisify(execFile)(
    process.execPath,
    [path.join(REPO_ROOT, 'dist', 'cli.js'), 'experiment', 'fusion', '--quick', '--seeds', '2', ...models, '--train', path.join(conll, 'eng.train'), '--dev', path.join(conll, 'eng.testa')]
      .concat(['--out', path.join(workspace, FUSION), '--cache-dir', path.join(uiSession().run.tmp, 'experiment-cache')]),
    { timeout: EXPERIMENT_TIMEOUT_MS },
  );
  const read = (folder: string) => JSON.parse(fs.readFileSync(path.join(workspace, folder, 'results.json'), 'utf8')) as ExperimentResults;
  return { [POOLING]: read(POOLING), [FUSION]: read(FUSION) };
}

/** Runs the command from the palette and picks the experiment folder in its quick pick. */
async function openReport(page: Page, folder: string): Promise<FrameLocator> {
  await runCommandFromPalette(page, 'Probe Lens: Show Experiment Report');
  await chooseQuickPickItem(page, folder);
  const webview = activeWebview(page);
  await webview.locator('.experiment-report').waitFor({ timeout: 30_000 });
  return webview;
}

/** What the report shows, read from its DOM. */
async function readReport(webview: FrameLocator) {
  return webview.locator('.experiment-report').evaluate((root) => ({
    title: root.querySelector('h1')?.textContent,
    commandLine: root.querySelector('.command-line')?.textContent,
    encoders: Array.from(root.querySelectorAll('.report-encoder'), (section) => ({
      name: section.querySelector('h2')?.textContent,
      charts: Array.from(section.querySelectorAll('svg.pl-chart'), (svg) => svg.getAttribute('aria-label')),
      // The first table: the metric per strategy (rows) and size (columns), parameters in the second column.
      metric: Array.from(section.querySelectorAll('.report-table')[0]?.querySelectorAll('tbody tr') ?? [], (row) => Array.from(row.children, (cell) => cell.textContent)),
      captions: Array.from(section.querySelectorAll('.report-table-caption'), (caption) => caption.textContent),
    })),
    verdicts: Array.from(root.querySelectorAll('.claim .verdict'), (badge) => badge.textContent),
    summaries: Array.from(root.querySelectorAll('.claim-summary'), (summary) => summary.textContent),
    scripts: root.querySelectorAll('script').length,
  }));
}

function assertShows(shown: Awaited<ReturnType<typeof readReport>>, results: ExperimentResults): void {
  assert.equal(shown.commandLine, results.commandLine);
  assert.deepEqual(shown.encoders.map((e) => e.name), results.encoders.map((e) => e.label));
  for (const encoder of shown.encoders) {
    assert.deepEqual(encoder.metric.map((row) => row[0]), results.strategies, `${encoder.name}: not a row per strategy`);
    const expected = results.strategies.map((strategy) =>
      results.sizes.map(({ used }) => pointsSpread(results.cells.find((c) => c.encoder === encoder.name && c.strategy === strategy && c.size === used)!.metrics[results.metric.key])),
    );
    assert.deepEqual(encoder.metric.map((row) => row.slice(2)), expected, `${encoder.name}: the table is not the results' mean ± std`);
    assert.ok(encoder.charts[0]?.includes('vs training size'), `${encoder.name}: no metric-vs-size chart (${encoder.charts.join(', ')})`);
  }
  assert.deepEqual(shown.verdicts, results.claims.map((c) => c.verdict));
  assert.deepEqual(shown.summaries, results.claims.map((c) => c.summary));
  assert.equal(shown.scripts, 0, 'the report carries a script element');
}

async function screenshots(page: Page, webview: FrameLocator, name: string): Promise<void> {
  const shot = (part: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `experiment-report-${name}${part}.png`) });
  await shot('');
  const scrollTo = async (locator: Locator, part: string) => {
    await locator.evaluate((element) => element.scrollIntoView());
    await shot(part);
  };
  await scrollTo(webview.locator('.report-encoder').first(), '-encoder');
  await scrollTo(webview.locator('.report-encoder').first().locator('.report-table-block').nth(1), '-tables');
  // The first claim opened on its method and comparisons, as a reader checking a verdict would.
  await webview.locator('.claim-details summary').first().click();
  await webview.locator('.claim-details[open] .evidence-table').first().waitFor({ timeout: 5_000 });
  await scrollTo(webview.locator('.report-claims'), '-claims');
}

describe('Show Experiment Report in the browser', () => {
  let results: Record<string, ExperimentResults>;

  before(async function () {
    this.timeout(EXPERIMENT_TIMEOUT_MS + 30_000);
    results = await experimentFolders();
  });

  for (const theme of THEMES) {
    it(`shows the pooling and fusion reports picked from the palette, readable in the ${theme.label} theme`, async function () {
      this.timeout(3 * 60_000);
      const page = await loadWorkbench({ 'workbench.colorTheme': theme.name });
      await waitForThemeKind(page, theme.workbenchKind);
      for (const [folder, name] of [[POOLING, 'pooling'], [FUSION, 'fusion']] as const) {
        const webview = await openReport(page, folder);
        await webview.locator(`body.${theme.webviewClass}`).waitFor({ timeout: 30_000 });
        const shown = await readReport(webview);
        assertShows(shown, results[folder]);
        if (name === 'fusion') {
          for (const encoder of shown.encoders) {
            assert.ok(encoder.charts.some((label) => label?.startsWith('DWAtt mean α per layer')), `${encoder.name}: no DWAtt α chart`);
            assert.ok(encoder.captions.some((caption) => caption?.startsWith('Steps to target')), `${encoder.name}: no steps-to-target table`);
            assert.ok(encoder.metric.every((row) => /^\d[\d,]*$/.test(row[1] ?? '')), `${encoder.name}: no parameter counts`);
          }
        }
        const colours = await webview.locator('.claim .verdict').first().evaluate((badge) => ({ text: getComputedStyle(badge).color, page: getComputedStyle(document.body).backgroundColor }));
        assert.equal(relativeLuminance(parseCssColor(colours.page)) < 0.5, theme.label === 'dark', `the report's background ${colours.page} does not follow the theme`);
        assert.ok(contrastRatio(parseCssColor(colours.text), parseCssColor(colours.page)) >= 4.5, `a verdict's text ${colours.text} on ${colours.page} is hard to read`);
        await screenshots(page, webview, `${name}-${theme.label}`);
        await runCommandFromPalette(page, 'View: Close All Editors');
      }
      assert.deepEqual(
        uiSession().consoleErrors.filter((message) => /Content Security Policy|Refused to/.test(message)),
        [],
        'the report broke its Content Security Policy',
      );
    });
  }

  it('comes back after Developer: Reload Window, read again from its file', async function () {
    this.timeout(3 * 60_000);
    const page = await loadWorkbench({ 'workbench.colorTheme': 'Default Light Modern' });
    await waitForThemeKind(page, 'vs');
    const before = await readReport(await openReport(page, FUSION));
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommandFromPalette(page, 'Developer: Reload Window');
    await reloaded;
    const webview = activeWebview(page);
    await webview.locator('.experiment-report').waitFor({ timeout: 90_000 });
    assert.equal(await page.locator('.tabs-container .tab').filter({ hasText: 'Experiment: fusion-quick' }).count(), 1, 'no report tab after the reload');
    assert.deepEqual(await readReport(webview), before, 'the restored report shows something else');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'experiment-report-restored-light.png') });
  });
});
