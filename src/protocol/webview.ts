/**
 * The messages between the extension host (src/extension) and its webviews (webview/): the comparison panel
 * and the experiment report panels. Both sides import this file, so a message added here is checked by the
 * compiler on both ends; each map's guard stands beside it and checks what arrives from the other side.
 * Payloads are plain JSON. Every message here is a notification: nothing comes back (`void`).
 */
import type { CsvCell } from '../core/csv';
import type { ExperimentReport } from '../core/experiments/report-view';
import type { CompareResult } from '../core/result';
import type { EncoderTaskSweep } from './worker';
import { isRecord, messageGuard, type MessageOf, type NoFields } from './typed';

/** The last Sweep Layers run, as the panel's Layers section shows it and the host keeps it on disk. */
export interface LayerSweeps {
  /** When the sweep finished (ISO 8601). */
  finished: string;
  /** Train and dev were each sampled down to this many examples (sentences for NER). */
  fewShotSize: number;
  sweeps: EncoderTaskSweep[];
  /** Encoders that could not be swept, and why (one layer: nothing to sweep). */
  skipped: Array<{ encoder: string; message: string }>;
}

/** The outer shape only: made by our own host, or read back from its own file (checked there). */
export function isLayerSweeps(value: unknown): value is LayerSweeps {
  return isRecord(value) && isString(value.finished) && typeof value.fewShotSize === 'number' && Array.isArray(value.sweeps) && Array.isArray(value.skipped);
}

/** Host → the comparison panel. */
export type ComparePanelProtocol = {
  /** Nothing has been probed yet: show how to start. */
  empty: [NoFields, void];
  /** A comparison is running; `text` is what is being probed (maybe truncated for display). */
  loading: [{ text: string; encoders: string[]; message?: string }, void];
  /** The comparison to render (replaces the previous one). */
  result: [{ result: CompareResult }, void];
  /** The last request failed; the previous result (if any) stays in the webview's state. */
  error: [{ message: string }, void];
  /** The last layer sweep, for the Layers section (shown beside whatever the panel shows). */
  layers: [{ layers: LayerSweeps }, void];
};
export type HostMessage = MessageOf<ComparePanelProtocol>;

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

/** The outer shape only: the result was made by our own host; this guards against other versions' state. */
export function isCompareResult(value: unknown): value is CompareResult {
  return isRecord(value) && isString(value.text) && Array.isArray(value.encoders) && Array.isArray(value.notices);
}

/** Messages reach the webview window from VS Code's frame; anything without a known type and shape is not ours. */
export const isHostMessage = messageGuard<ComparePanelProtocol>({
  empty: () => true,
  loading: (m) => isString(m.text) && isStringList(m.encoders) && (m.message === undefined || isString(m.message)),
  result: (m) => isCompareResult(m.result),
  error: (m) => isString(m.message),
  layers: (m) => isLayerSweeps(m.layers),
});

/** Host → an experiment report panel (Probe Lens: Show Experiment Report). */
export type ReportPanelProtocol = {
  /** The report to show (replaces the previous one); `source` is the results file's URI, kept to restore the panel. */
  report: [{ report: ExperimentReport; source: string }, void];
  /** The file was deleted or can no longer be read as results: say so; the last report (if any) stays below. */
  reportProblem: [{ title: string; message: string }, void];
};
export type ReportHostMessage = MessageOf<ReportPanelProtocol>;

/** The outer shape only: the report was built by our own host from checked results. */
function isReport(value: unknown): value is ExperimentReport {
  return (
    isRecord(value) &&
    isString(value.title) &&
    isString(value.commandLine) &&
    Array.isArray(value.setup) &&
    Array.isArray(value.encoders) &&
    Array.isArray(value.claims)
  );
}

export const isReportHostMessage = messageGuard<ReportPanelProtocol>({
  report: (m) => isString(m.source) && isReport(m.report),
  reportProblem: (m) => isString(m.title) && isString(m.message),
});

/** What the panel's "Train probes" button asks for. */
export type TrainTaskChoice = 'sentiment' | 'ner' | 'both';

/** Webview → host (both panels; a report panel sends `ready`, `copy`, `saveSvg` and `saveCsv`). */
export type WebviewProtocol = {
  /** The script has loaded and can receive the panel's current state. */
  ready: [NoFields, void];
  /** Put text on the clipboard (the webview's own clipboard access is not reliable in every host). */
  copy: [{ text: string; what: string }, void];
  /** Ask the user where to save an SVG picture and write it there. */
  saveSvg: [{ svg: string; suggestedName: string }, void];
  /** The user clicked "Train probes" in the panel (shown when a task has no probe yet). */
  train: [{ task: TrainTaskChoice }, void];
  /** Ask the user where to save a table as CSV and write it there (see toCsv). */
  saveCsv: [{ header: string[]; rows: CsvCell[][]; suggestedName: string }, void];
};
export type WebviewMessage = MessageOf<WebviewProtocol>;

/** Messages arrive as untyped JSON from the webview's sandbox: check the shape before trusting it. */
export const isWebviewMessage = messageGuard<WebviewProtocol>({
  ready: () => true,
  copy: (m) => isString(m.text) && isString(m.what),
  saveSvg: (m) => isString(m.svg) && isString(m.suggestedName),
  train: (m) => m.task === 'sentiment' || m.task === 'ner' || m.task === 'both',
  saveCsv: (m) => isStringList(m.header) && Array.isArray(m.rows) && m.rows.every(isCsvRow) && isString(m.suggestedName),
});

const isCsvRow = (row: unknown): row is CsvCell[] =>
  Array.isArray(row) && row.every((cell) => cell === null || ['undefined', 'string', 'number', 'boolean'].includes(typeof cell));
