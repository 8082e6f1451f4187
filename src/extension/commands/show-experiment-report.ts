import * as vscode from 'vscode';
import { ProbeLensError } from '../../core/errors';
import type { ExperimentReport } from '../../core/experiments/report-view';
import { displayPath, loadExperimentReport } from '../experiments/load-report';
import { pickResultsFile } from '../experiments/pick-results';
import type { ExperimentReportPanels } from '../experiments/report-panels';
import { failureMessage } from '../failures';
import type { Log } from '../log';
import { failed, type Outcome } from './outcome';

/**
 * Probe Lens: Show Experiment Report — the report of an experiment's results.json (what `probe-lens experiment
 * ... --out <folder>` wrote) in a panel beside the editor. The file comes from the argument (the explorer's
 * context menu passes its URI), the active editor, or a pick (see pickResultsFile). A file that is not a
 * readable experiment result gets an error message and opens no panel.
 */
export function registerShowExperimentReport(reports: ExperimentReportPanels, log: Log): vscode.Disposable {
  return vscode.commands.registerCommand('probeLens.showExperimentReport', async (argument?: unknown): Promise<Outcome<{ file: string; report: ExperimentReport }>> => {
    let uri: vscode.Uri | undefined;
    try {
      uri = await pickResultsFile(argument);
      if (!uri) return failed('cancelled', 'No results file was picked.');
      const report = await loadExperimentReport(uri);
      reports.show(uri, report);
      log.info(`experiment report: ${displayPath(uri)}`);
      return { ok: true, value: { file: displayPath(uri), report } };
    } catch (error) {
      const message = failureMessage(error);
      log.error(`experiment report: ${message}${error instanceof ProbeLensError ? '' : `\n${(error as Error).stack ?? ''}`}`);
      void vscode.window.showErrorMessage(`Probe Lens: ${message}`);
      if (uri) reports.showProblem(uri, 'Probe Lens cannot read these results any more', message);
      if (error instanceof ProbeLensError) return failed(error.code === 'bad-input' ? 'invalid' : 'failed', message, error.code);
      return failed('failed', message);
    }
  });
}
