import type { ExperimentReport } from '../../src/core/experiments/report-view';
import type { ReportHostMessage } from '../../src/protocol/webview';

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
