/**
 * Reaching the panel's webview as frames, to talk to it the way the host does. VS Code nests the panel's
 * document (#active-frame) in an outer host frame (iframe.webview). Host → webview messages arrive as
 * `message` events on the panel's window, so posting one there goes through the real rendering path.
 * Webview → host messages leave the outer frame through a MessagePort: a spy on that port's postMessage
 * records them (and still passes them on to the host).
 */
import type { Frame, Page } from 'playwright-core';
import type { HostMessage, WebviewMessage } from '../../src/protocol/webview';

const FRAME_TIMEOUT_MS = 30_000;

export interface WebviewFrames {
  outer: Frame;
  panel: Frame;
}

/** The frames of the visible webview; VS Code replaces them when the panel comes back from the background. */
export async function webviewFrames(page: Page): Promise<WebviewFrames> {
  const host = page.locator('iframe.webview.ready');
  await host.waitFor({ timeout: FRAME_TIMEOUT_MS });
  const outer = await (await host.elementHandle({ timeout: FRAME_TIMEOUT_MS }))?.contentFrame();
  if (!outer) throw new Error('the webview host frame has no document');
  const inner = outer.locator('#active-frame');
  await inner.waitFor({ timeout: FRAME_TIMEOUT_MS });
  const panel = await (await inner.elementHandle({ timeout: FRAME_TIMEOUT_MS }))?.contentFrame();
  if (!panel) throw new Error("the webview's #active-frame has no document");
  return { outer, panel };
}

/** Delivers a message to the panel as the host's webview.postMessage does. */
export async function postToPanel(panel: Frame, message: HostMessage): Promise<void> {
  await panel.evaluate((data) => window.postMessage(data, '*'), message);
}

type SpyWindow = Window & { probeLensPosted?: WebviewMessage[] };

/** Starts recording the messages the panel sends to the host. */
export async function spyOnPanelMessages(outer: Frame): Promise<void> {
  await outer.evaluate(() => {
    const spyWindow = window as SpyWindow;
    if (spyWindow.probeLensPosted) return;
    const posted: WebviewMessage[] = [];
    spyWindow.probeLensPosted = posted;
    const send = MessagePort.prototype.postMessage;
    // The outer frame forwards the panel's postMessage as { channel: 'onmessage', data: { message } }.
    MessagePort.prototype.postMessage = function (this: MessagePort, ...args: Parameters<MessagePort['postMessage']>) {
      const envelope = args[0] as { channel?: string; data?: { message?: WebviewMessage } } | undefined;
      if (envelope?.channel === 'onmessage' && envelope.data?.message) posted.push(envelope.data.message);
      return send.apply(this, args as Parameters<typeof send>);
    } as MessagePort['postMessage'];
  });
}

/** The messages recorded since spyOnPanelMessages, waiting up to a few seconds for one of `type`. */
export async function waitForPanelMessage<T extends WebviewMessage['type']>(outer: Frame, type: T): Promise<Extract<WebviewMessage, { type: T }>> {
  const handle = await outer.waitForFunction(
    (wanted) => (window as SpyWindow).probeLensPosted?.find((message) => message.type === wanted),
    type,
    { timeout: 5_000 },
  );
  return (await handle.jsonValue()) as Extract<WebviewMessage, { type: T }>;
}

/** Forgets the recorded messages. */
export async function clearPanelMessages(outer: Frame): Promise<void> {
  await outer.evaluate(() => (window as SpyWindow).probeLensPosted?.splice(0));
}
