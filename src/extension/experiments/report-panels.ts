import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExperimentReport } from '../../core/experiments/report-view';
import type { ReportHostMessage } from '../../protocol/webview';
import { ExperimentReportPanel, REPORT_VIEW_TYPE } from './report-panel';

/** A report panel as tests see it: which file, and what it shows. */
export interface ReportPanelSnapshot {
  uri: vscode.Uri;
  lastMessage: ReportHostMessage | undefined;
}

/**
 * The open experiment report panels, one per results file: showing a file that already has a panel
 * reveals and refreshes that one. Panels come back after a window reload (see registerSerializer).
 */
export class ExperimentReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ExperimentReportPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: (line: string) => void,
  ) {}

  show(uri: vscode.Uri, report: ExperimentReport): void {
    let panel = this.panels.get(uri.toString());
    if (panel) panel.reveal();
    else {
      // Beside the results or report the user is reading; in the editor area's active group otherwise.
      const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      const webviewPanel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, panelTitle(uri), { viewColumn: column, preserveFocus: false });
      panel = this.attach(uri, webviewPanel);
    }
    panel.showReport(report);
  }

  /** Says in the file's panel, if one is open, that the file can no longer be shown. */
  showProblem(uri: vscode.Uri, title: string, message: string): void {
    this.panels.get(uri.toString())?.showProblem(title, message);
  }

  snapshot(): ReportPanelSnapshot[] {
    return [...this.panels.values()].map((panel) => ({ uri: panel.uri, lastMessage: panel.lastMessage }));
  }

  /** Brings back the report panels of the last session (their webview saved which file they showed). */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state: unknown) => {
        const source = typeof state === 'object' && state !== null ? (state as Record<string, unknown>).source : undefined;
        if (typeof source !== 'string' || this.panels.has(source)) {
          webviewPanel.dispose();
          return;
        }
        await this.attach(vscode.Uri.parse(source, true), webviewPanel).reload();
      },
    });
  }

  dispose(): void {
    [...this.panels.values()].forEach((panel) => panel.dispose());
  }

  private attach(uri: vscode.Uri, webviewPanel: vscode.WebviewPanel): ExperimentReportPanel {
    const key = uri.toString();
    const panel = new ExperimentReportPanel(uri, webviewPanel, this.extensionUri, this.log, () => {
      if (this.panels.get(key) === panel) this.panels.delete(key);
    });
    this.panels.set(key, panel);
    return panel;
  }
}

/** "Experiment: pooling-sst2": the output folder names the experiment better than results.json does. */
function panelTitle(uri: vscode.Uri): string {
  return `Experiment: ${path.posix.basename(path.posix.dirname(uri.path)) || path.posix.basename(uri.path)}`;
}
