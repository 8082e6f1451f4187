/**
 * The messages between the panel host (src/extension) and the webview (webview/). Both sides import this
 * file, so a message added here is checked by the compiler on both ends.
 */

/** Host → webview. `empty`: nothing has been probed yet; show how to start. */
export type HostMessage = { type: 'empty' };

/** Webview → host. `ready`: the script has loaded and can receive the panel's current state. */
export type WebviewMessage = { type: 'ready' };

const WEBVIEW_MESSAGE_TYPES: ReadonlySet<string> = new Set<WebviewMessage['type']>(['ready']);

/** Messages arrive as untyped JSON from the webview's sandbox: check the shape before trusting it. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    WEBVIEW_MESSAGE_TYPES.has((value as { type: string }).type)
  );
}
