import type { ExperimentReport } from '../../src/core/experiments/report-view';
import type { ReportHostMessage } from '../../src/protocol';

/** What a report panel shows: nothing yet, a report, or a problem (with the last report kept below it). */
export interface ReportPanelState {
  report?: ExperimentReport;
  problem?: { title: string; message: string };
}

/**
 * What a report panel keeps through vscode.setState: which file it shows, so that after a window reload the
 * host reads the file again (its current content, not a stale copy).
 */
export interface ReportPersistedState {
  version: 1;
  view: 'experiment-report';
  source: string;
}

export function nextReportState(state: ReportPanelState, message: ReportHostMessage): ReportPanelState {
  switch (message.type) {
    case 'report':
      return { report: message.report };
    case 'reportProblem':
      return { report: state.report, problem: { title: message.title, message: message.message } };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Messages reach the webview window from VS Code's frame; anything without the expected shape is not ours. */
export function isReportHostMessage(value: unknown): value is ReportHostMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'report':
      return typeof value.source === 'string' && isReport(value.report);
    case 'reportProblem':
      return typeof value.title === 'string' && typeof value.message === 'string';
    default:
      return false;
  }
}

/** The outer shape only: the report was built by our own host from checked results. */
function isReport(value: unknown): value is ExperimentReport {
  return (
    isObject(value) &&
    typeof value.title === 'string' &&
    typeof value.commandLine === 'string' &&
    Array.isArray(value.setup) &&
    Array.isArray(value.encoders) &&
    Array.isArray(value.claims)
  );
}
