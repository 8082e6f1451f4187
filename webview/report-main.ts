import { element } from './dom';
import { isReportHostMessage } from '../src/protocol/webview';
import { nextReportState, type ReportPanelState } from './view-model/report-state';
import { experimentReportView } from './views/report/experiment-report-view';
import { reportProblemBanner } from './views/report/report-problem';
import { startingView } from './views/status-views';
import { vscodeApi } from './vscode-api';

/**
 * An experiment report panel: the host sends the report (again whenever the file changes on disk) or a
 * problem (the file was deleted or damaged), which is shown above the last report.
 */
export function startExperimentReport(app: HTMLElement): void {
  const status = element('div', { className: 'status', attrs: { 'aria-live': 'polite' } }, startingView());
  const area = element('div', { className: 'result-area' });
  app.replaceChildren(status, area);
  let state: ReportPanelState = {};

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isReportHostMessage(message)) return;
    const previous = state;
    state = nextReportState(state, message);
    if (message.type === 'report') vscodeApi.setState({ version: 1, view: 'experiment-report', source: message.source });
    status.replaceChildren(...(state.problem ? [reportProblemBanner(state.problem, state.report !== undefined)] : []));
    if (state.report !== previous.report) area.replaceChildren(...(state.report ? [experimentReportView(state.report)] : []));
  });

  vscodeApi.postMessage({ type: 'ready' });
}
