import type { WebviewMessage } from '../src/protocol/webview';
import type { PersistedState } from './view-model/panel-state';
import type { ReportPersistedState } from './view-model/report-state';

/** The part of the API VS Code injects into webviews that Probe Lens uses. */
interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  /** What the last setState stored, for this panel, across hiding and window reloads (unknown: an older version may have saved it). */
  getState(): unknown;
  setState(state: PersistedState | ReportPersistedState | undefined): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** VS Code allows one call per page load, so the handle is taken once here and shared. */
export const vscodeApi: VsCodeApi = acquireVsCodeApi();
