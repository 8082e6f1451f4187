/**
 * The first-run walkthrough as a new user meets it: Help: Welcome from the palette, "Get started with Probe
 * Lens" picked on the Welcome page, then each step opened and its button clicked, in order: Select Encoders
 * (its pick list), Train Probes (both tasks, to the end), Compare an Example (the panel), Show Entities (a file
 * beside, then a hover), Show Experiment Report (a report). Each step's picture must load from the installed
 * extension, and a step counts as done once its command ran. Screenshots land in test-results/screenshots/;
 * the pictures of the walkthrough's steps are clipped from the same moments into test-results/walkthrough-media/
 * (media/walkthrough/ holds a copy of them).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/repo-root';
import { loadWorkbench, SAMPLE_FILE, SCREENSHOT_DIR, uiSession } from '../harness/ui-session';
import { activeWebview, chooseQuickPickItem, runCommandFromPalette, waitForThemeKind } from '../harness/workbench';
import { localTrainingSettings } from './compare-fixture';
import { editorWordBox, hoverText } from './editor-dom';

const WALKTHROUGH = 'Get started with Probe Lens';
const MEDIA_DIR = path.join(REPO_ROOT, 'test-results', 'walkthrough-media');
const REPORT_FOLDER = 'experiments/pooling-sst2';
const TRAIN_TIMEOUT_MS = 12 * 60_000;
const STEP_TIMEOUT_MS = 60_000;

/** The steps in order: title, button label, and the picture each step shows. */
const STEPS = [
  { title: 'Choose the encoders', button: 'Select Encoders', picture: 'select-encoders.png' },
  { title: 'Train the probes', button: 'Train Probes', picture: 'train-probes.png' },
  { title: 'Select text and compare', button: 'Compare an Example', picture: 'compare.png' },
  { title: 'Hover a word', button: 'Show Entities', picture: 'hover.png' },
  { title: 'Open an experiment report', button: 'Show Experiment Report', picture: 'experiment-report.png' },
] as const;
type Step = (typeof STEPS)[number];

function settings(): Record<string, unknown> {
  return {
    'workbench.colorTheme': 'Default Light Modern',
    // The walkthrough focuses a step it expands 250 ms later when it animates: a pick list that a step's button
    // opened within that time loses the focus and closes. Without the animation, the focus moves at once.
    'workbench.welcomePage.preferReducedMotion': true,
    ...localTrainingSettings(100),
  };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `walkthrough-${name}.png`) });

/** Saves the part of the page the step's picture shows: `boxes` joined, with a margin, inside the page. */
async function clipPicture(page: Page, step: Step, boxes: Array<{ x: number; y: number; width: number; height: number }>): Promise<void> {
  const margin = 8;
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
  const bottom = Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)) + margin);
  await page.screenshot({ path: path.join(MEDIA_DIR, step.picture), clip: { x, y, width: right - x, height: bottom - y } });
}

async function boxOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('the element to picture is not shown');
  return box;
}

/** The walkthrough's row of a step (its title button), and whether the walkthrough counts it done. */
function stepRow(page: Page, step: Step): Locator {
  return page.locator('button.getting-started-step').filter({ has: page.locator('.step-title', { hasText: step.title }) });
}

/**
 * Opens a step (its description, button and picture show), checks that its picture loaded from the installed
 * extension, and clicks its button.
 */
async function clickStepButton(page: Page, step: Step): Promise<void> {
  const row = stepRow(page, step);
  await row.click();
  const expanded = page.locator(`button.getting-started-step[aria-expanded="true"]`).filter({ hasText: step.title });
  await expanded.waitFor({ timeout: 10_000 });
  // The walkthrough moves the focus to the step it expanded: click its button once it has.
  await page.waitForFunction((button) => button === document.activeElement, await expanded.elementHandle(), { timeout: 5_000 });
  const loaded = await shownPicture(page, step.picture);
  assert.ok(loaded.width > 0, `${step.title}: its picture did not load (${loaded.src})`);
  assert.ok(loaded.alt.length > 20, `${step.title}: its picture has no useful alt text`);
  await row.locator('.step-description-container .monaco-button').filter({ hasText: step.button }).click();
}

/** The step's picture as the walkthrough shows it beside its steps, once it has loaded from the extension. */
async function shownPicture(page: Page, picture: string): Promise<{ src: string; width: number; alt: string }> {
  const deadline = Date.now() + 30_000;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    const images = await page
      .locator('.gettingStartedSlideDetails .getting-started-media img')
      .evaluateAll((all: HTMLImageElement[]) =>
        all.map((img) => ({ src: decodeURIComponent(img.currentSrc || img.src || img.srcset), width: img.complete ? img.naturalWidth : 0, alt: img.alt })),
      );
    seen = images.map((image) => image.src);
    const found = images.find((image) => image.src.includes(`media/walkthrough/${picture}`) && image.width > 0);
    if (found) return found;
    await page.waitForTimeout(250);
  }
  throw new Error(`the walkthrough never showed media/walkthrough/${picture}; its images: ${seen.join(', ') || 'none'}`);
}

async function stepDone(page: Page, step: Step): Promise<void> {
  await stepRow(page, step).and(page.locator('[aria-checked="true"]')).waitFor({ timeout: 30_000 });
}

/** The walkthrough's editor tab. */
function welcomeTab(page: Page): Locator {
  return page.locator('.tabs-container .tab').filter({ hasText: /Welcome|Walkthrough/ }).first();
}

/** Quick Open with Ctrl+Enter: the file opens in a new editor group to the side, beside the walkthrough. */
async function openToTheSide(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: file }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Control+Enter');
  await page.locator('.tabs-container .tab.active').filter({ hasText: file }).waitFor({ timeout: 10_000 });
}

describe('the first-run walkthrough, opened from the Welcome page', () => {
  let page: Page;

  before(async () => {
    fs.mkdirSync(MEDIA_DIR, { recursive: true });
    const report = path.join(uiSession().run.workspace, REPORT_FOLDER);
    fs.mkdirSync(report, { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'docs', 'results', 'pooling-sst2', 'results.json'), path.join(report, 'results.json'));
    page = await loadWorkbench(settings());
    await waitForThemeKind(page, 'vs');
    // Room for the walkthrough's pictures beside its steps.
    await runCommandFromPalette(page, 'View: Toggle Primary Side Bar Visibility');
  });

  it('is listed on the Welcome page and opens with its five steps', async function () {
    this.timeout(2 * 60_000);
    await runCommandFromPalette(page, 'Help: Welcome');
    // On a first start the Welcome page opens VS Code's own setup walkthrough: back to the page's lists.
    const back = page.locator('.gettingStartedSlideDetails .prev-button');
    await page.locator('.gettingStartedContainer').waitFor({ timeout: 30_000 });
    if (await back.isVisible()) await back.click();
    await page.locator('.gettingStartedSlideCategories').waitFor({ state: 'visible', timeout: 15_000 });
    const listed = page.locator('button.getting-started-category').filter({ hasText: WALKTHROUGH });
    try {
      await listed.first().waitFor({ timeout: 15_000 });
    } catch {
      // More walkthroughs than the page lists: "More..." offers the rest in a pick list.
      await page.locator('.see-all-walkthroughs').click();
      await chooseQuickPickItem(page, WALKTHROUGH);
    }
    await shot(page, '0-welcome');
    if (await listed.first().isVisible()) await listed.first().click();
    await page.locator('.getting-started-category h2.category-title').filter({ hasText: WALKTHROUGH }).waitFor({ timeout: 15_000 });
    const titles = await page.locator('button.getting-started-step .step-title').allInnerTexts();
    assert.deepEqual(titles, STEPS.map((step) => step.title));
    assert.equal(await page.locator('button.getting-started-step[aria-checked="true"]').count(), 0, 'a step is done before its button was clicked');
    await shot(page, '1-opened');
  });

  it('Select Encoders opens the encoder pick list', async function () {
    this.timeout(STEP_TIMEOUT_MS);
    const step = STEPS[0];
    await clickStepButton(page, step);
    const list = page.locator('.quick-input-widget');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Xenova/bert-base-uncased' }).first().waitFor({ timeout: 30_000 });
    await clipPicture(page, step, [await boxOf(list)]);
    await shot(page, '2-select-encoders');
    await page.keyboard.press('Escape');
    await stepDone(page, step);
  });

  it('Train Probes trains both tasks behind a progress notification', async function () {
    this.timeout(TRAIN_TIMEOUT_MS + 60_000);
    const step = STEPS[1];
    await clickStepButton(page, step);
    await chooseQuickPickItem(page, 'Sentiment and NER');
    const toasts = page.locator('.notifications-toasts .notification-toast');
    const progress = toasts.filter({ hasText: 'Probe Lens: training sentiment and NER probes' });
    await progress.waitFor({ timeout: 60_000 });
    // A moment into the features, so the notification says what it is doing.
    await progress.filter({ hasText: /features|head/ }).waitFor({ timeout: 60_000 });
    await clipPicture(page, step, [await boxOf(progress)]);
    await shot(page, '3-training');
    await progress.waitFor({ state: 'detached', timeout: TRAIN_TIMEOUT_MS });
    const summary = toasts.filter({ hasText: /Probe Lens: Trained \d+ probes/ });
    await summary.waitFor({ timeout: 10_000 });
    await shot(page, '3-trained');
    await stepDone(page, step);
    await runCommandFromPalette(page, 'Notifications: Clear All Notifications');
  });

  it('Compare an Example opens the panel beside the walkthrough with both encoders', async function () {
    this.timeout(3 * 60_000);
    const step = STEPS[2];
    await clickStepButton(page, step);
    const webview = activeWebview(page);
    await webview.locator('.encoder').nth(1).waitFor({ timeout: 2 * 60_000 });
    await webview.locator('.banner-loading').waitFor({ state: 'detached', timeout: 2 * 60_000 });
    const shown = await webview.locator('body').evaluate((body) => ({ text: body.textContent ?? '', encoders: body.querySelectorAll('.encoder').length }));
    assert.match(shown.text, /Ada Lovelace wrote the first computer program in London/);
    assert.equal(shown.encoders, 2);
    await clipPicture(page, step, [await boxOf(page.locator('.editor-group-container').nth(1))]);
    await shot(page, '4-compare');
    await stepDone(page, step);
  });

  it('Show Entities marks the entities of a file opened beside it, and a hover shows a tag', async function () {
    this.timeout(3 * 60_000);
    const step = STEPS[3];
    await openToTheSide(page, SAMPLE_FILE);
    await welcomeTab(page).click();
    await clickStepButton(page, step);
    await page.locator('.statusbar-item').filter({ hasText: /Probe Lens: \d+ entit/ }).waitFor({ timeout: 2 * 60_000 });
    let hovered: { word: string; text: string } | undefined;
    for (const word of ['Berlin', 'Lisbon', 'Anna', 'moved']) {
      const text = await hoverText(page, word, hovered ? 5_000 : 30_000);
      if (text?.includes('fusion')) {
        hovered = { word, text };
        break;
      }
    }
    assert.ok(hovered, 'no word of the sample shows an NER hover');
    // The word's tag; an entity's own line (from Show Entities' marks) may follow it.
    assert.match(hovered.text, /^(O|[BI]-\w+) · confidence [01]\.\d\d\s+dwatt fusion · tiny-bert-uncased(\n|$)/);
    const hover = page.locator('.monaco-hover').filter({ visible: true }).first();
    // The hover, its word, and the text from the editor's first line (not the empty rest of the editor).
    const lines = await boxOf(page.locator('.monaco-editor .view-lines').filter({ visible: true }).first());
    await clipPicture(page, step, [await boxOf(hover), await editorWordBox(page, hovered.word), { x: lines.x, y: lines.y, width: 1, height: 1 }]);
    await shot(page, '5-hover');
    await page.mouse.move(5, 400);
    await stepDone(page, step);
  });

  it('Show Experiment Report opens the report of an experiment in the workspace', async function () {
    this.timeout(2 * 60_000);
    const step = STEPS[4];
    await welcomeTab(page).click();
    await clickStepButton(page, step);
    await chooseQuickPickItem(page, REPORT_FOLDER);
    const webview = activeWebview(page);
    await webview.locator('.experiment-report .claim').first().waitFor({ timeout: 60_000 });
    const group = page.locator('.editor-group-container').filter({ has: page.locator('.tab.active', { hasText: 'Experiment' }) });
    await clipPicture(page, step, [await boxOf(group)]);
    await shot(page, '6-report');
    // The report opened over the walkthrough in its group: back to the walkthrough to see the step done.
    await welcomeTab(page).click();
    await stepDone(page, step);
  });

  it('counts every step done once its button ran its command', async function () {
    this.timeout(30_000);
    await welcomeTab(page).click();
    assert.equal(await page.locator('button.getting-started-step[aria-checked="true"]').count(), STEPS.length);
    await shot(page, '7-all-done');
  });
});
