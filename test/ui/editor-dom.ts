/** Reaching text in the workbench's text editor (Monaco) the way a mouse does: by where it is drawn. */
import type { Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where the first occurrence of `word` is drawn in the text editor's visible lines, in page pixels. The word
 * must not span a line wrap or a token boundary (one plain-text word on one line does neither).
 */
export async function editorWordBox(page: Page, word: string): Promise<Box> {
  const line = page.locator('.monaco-editor .view-lines .view-line').filter({ hasText: word }).first();
  await line.waitFor({ timeout: 10_000 });
  const box = await line.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const { x, y, width, height } = range.getBoundingClientRect();
      return { x, y, width, height };
    }
    return undefined;
  }, word);
  if (!box) throw new Error(`"${word}" is not drawn in one piece in the editor`);
  return box;
}

/**
 * Moves the mouse onto `word` in the editor and returns the text of the hover that shows, or undefined when
 * none shows within `timeoutMs` (a word with nothing to say).
 */
export async function hoverText(page: Page, word: string, timeoutMs: number): Promise<string | undefined> {
  const box = await editorWordBox(page, word);
  const hover = page.locator('.monaco-hover .hover-contents').filter({ visible: true });
  // Off the text first, so moving onto the word starts a new hover even right after another one.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 12);
  await hover.first().waitFor({ state: 'hidden', timeout: 5_000 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  try {
    await hover.first().waitFor({ timeout: timeoutMs });
  } catch {
    return undefined;
  }
  return (await hover.allInnerTexts()).join('\n');
}
