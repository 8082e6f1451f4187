/**
 * The messages between the panel host (src/extension) and the webview (webview/). Both sides import this
 * file, so a message added here is checked by the compiler on both ends. Payloads are plain JSON.
 */
import type { ExperimentReport } from './core/experiments/report-view';
import type { CompareResult } from './core/result';

/** Host → webview. */
export type HostMessage =
  /** Nothing has been probed yet: show how to start. */
  | { type: 'empty' }
  /** A comparison is running; `text` is what is being probed (maybe truncated for display). */
  | { type: 'loading'; text: string; encoders: string[]; message?: string }
  /** The comparison to render (replaces the previous one). */
  | { type: 'result'; result: CompareResult }
  /** The last request failed; the previous result (if any) stays in the webview's state. */
  | { type: 'error'; message: string };

/** Host → an experiment report panel (Probe Lens: Show Experiment Report). */
export type ReportHostMessage =
  /** The report to show (replaces the previous one); `source` is the results file's URI, kept to restore the panel. */
  | { type: 'report'; report: ExperimentReport; source: string }
  /** The file was deleted or can no longer be read as results: say so; the last report (if any) stays below. */
  | { type: 'reportProblem'; title: string; message: string };

/** Webview → host (both panels; a report panel sends `ready`, `copy` and `saveSvg`). */
export type WebviewMessage =
  /** The script has loaded and can receive the panel's current state. */
  | { type: 'ready' }
  /** Put text on the clipboard (the webview's own clipboard access is not reliable in every host). */
  | { type: 'copy'; text: string; what: string }
  /** Ask the user where to save an SVG picture and write it there. */
  | { type: 'saveSvg'; svg: string; suggestedName: string }
  /** The user clicked "Train probes" in the panel (shown when a task has no probe yet). */
  | { type: 'train'; task: 'sentiment' | 'ner' | 'both' };

const WEBVIEW_MESSAGE_TYPES: ReadonlySet<string> = new Set<WebviewMessage['type']>(['ready', 'copy', 'saveSvg', 'train']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Messages arrive as untyped JSON from the webview's sandbox: check the shape before trusting it. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isObject(value) || typeof value.type !== 'string' || !WEBVIEW_MESSAGE_TYPES.has(value.type)) return false;
  switch (value.type) {
    case 'copy':
      return typeof value.text === 'string' && typeof value.what === 'string';
    case 'saveSvg':
      return typeof value.svg === 'string' && typeof value.suggestedName === 'string';
    case 'train':
      return value.task === 'sentiment' || value.task === 'ner' || value.task === 'both';
    default:
      return true;
  }
}
