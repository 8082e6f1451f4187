import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadWorkbench, SAMPLE_FILE, SCREENSHOT_DIR, uiSession } from '../harness/ui-session';
import { activeWebview, openFileFromQuickOpen, runCommandFromPalette, waitForThemeKind } from '../harness/workbench';
import { contrastRatio, parseCssColor, relativeLuminance } from './color';

const EMPTY_STATE_HINT = 'Select text and run Probe Lens: Compare Pooling';

const THEMES = [
  { label: 'light', name: 'Default Light Modern', workbenchKind: 'vs', webviewClass: 'vscode-light' },
  { label: 'dark', name: 'Default Dark Modern', workbenchKind: 'vs-dark', webviewClass: 'vscode-dark' },
] as const;

describe('the Probe Lens panel in the browser', () => {
  for (const theme of THEMES) {
    it(`opens beside the editor from the command palette and shows the empty state (${theme.label} theme)`, async () => {
      const page = await loadWorkbench({ 'workbench.colorTheme': theme.name });
      await waitForThemeKind(page, theme.workbenchKind);
      await openFileFromQuickOpen(page, SAMPLE_FILE);

      await runCommandFromPalette(page, 'Probe Lens: Open Panel');
      const webview = activeWebview(page);
      const hint = webview.getByText(EMPTY_STATE_HINT);
      await hint.waitFor({ timeout: 30_000 });
      // VS Code marks the webview's body with the theme kind once it has pushed the theme's variables.
      await webview.locator(`body.${theme.webviewClass}`).waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('.editor-group-container').count(), 2, 'the panel did not open beside the editor');

      const colors = await hint.evaluate((element) => ({
        text: getComputedStyle(element).color,
        background: getComputedStyle(document.body).backgroundColor,
      }));
      const text = parseCssColor(colors.text);
      const background = parseCssColor(colors.background);
      assert.equal(
        relativeLuminance(background) < 0.5,
        theme.label === 'dark',
        `the panel's background ${colors.background} does not follow the ${theme.label} theme`,
      );
      assert.ok(
        contrastRatio(text, background) >= 4.5,
        `the hint's text ${colors.text} on ${colors.background} is hard to read (WCAG AA asks 4.5:1)`,
      );
      assert.deepEqual(
        uiSession().consoleErrors.filter((message) => /Content Security Policy|Refused to/.test(message)),
        [],
        'the webview broke its Content Security Policy',
      );
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `panel-empty-${theme.label}.png`) });
    });
  }
});
