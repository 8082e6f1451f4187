import type { WebviewMessage } from '../src/protocol';

/** The part of the API VS Code injects into webviews that Probe Lens uses. */
interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** VS Code allows one call per page load, so the handle is taken once here and shared. */
export const vscodeApi: VsCodeApi = acquireVsCodeApi();
