import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExperimentReport } from '../../core/experiments/report-view';
import { isWebviewMessage, type ReportHostMessage, type WebviewMessage } from '../../protocol/webview';
import { failureMessage } from '../failures';
import { renderPanelHtml } from '../panel-html';
import { displayPath, loadExperimentReport } from './load-report';
import { saveCsvFromPanel } from '../save-csv';
import { saveSvgFromPanel } from '../save-svg';
import { watchResultsFile } from './watch-results-file';

/** The report panels' view type (activation event onWebviewPanel:probeLens.experimentReport). */
export const REPORT_VIEW_TYPE = 'probeLens.experimentReport';

// experiment writes each file under a temporary name and renames it: a burst of events ends in one reload.
const RELOAD_DELAY_MS = 250;

/**
 * One report panel for one results file. It watches the file: a change or re-creation reads it again, a
 * deletion or a damaged rewrite is said in the panel above the last good report. It always holds the last
 * message sent, for when the webview's script (re)starts and asks with `ready`.
 */
export class ExperimentReportPanel implements vscode.Disposable {
  private last: ReportHostMessage | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly log: (line: string) => void,
    onDispose: () => void,
  ) {
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      // The webview may read only what the extension ships for it: never the results folder.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
    };
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
      view: 'experiment-report',
      title: panel.title,
    });
    this.subscriptions.push(
      watchResultsFile(uri, () => this.scheduleReload()),
      webview.onDidReceiveMessage((message: unknown) => {
        if (!isWebviewMessage(message)) {
          this.log(`report panel: ignored a malformed message ${JSON.stringify(message)?.slice(0, 200)}`);
          return;
        }
        void this.handle(message);
      }),
      panel.onDidDispose(() => {
        clearTimeout(this.reloadTimer);
        this.subscriptions.forEach((s) => s.dispose());
        onDispose();
      }),
    );
  }

  /** The last message sent to the webview (for tests: what the panel shows). */
  get lastMessage(): ReportHostMessage | undefined {
    return this.last;
  }

  showReport(report: ExperimentReport): void {
    this.post({ type: 'report', report, source: this.uri.toString() });
  }

  showProblem(title: string, message: string): void {
    this.post({ type: 'reportProblem', title, message });
  }

  reveal(): void {
    this.panel.reveal(this.panel.viewColumn);
  }

  /** Reads the file again and shows it, or says why it cannot. */
  async reload(): Promise<void> {
    const file = displayPath(this.uri);
    try {
      await vscode.workspace.fs.stat(this.uri);
    } catch {
      this.log(`report panel: ${file} was deleted`);
      this.showProblem(
        `${path.posix.basename(this.uri.path)} was deleted`,
        `${file} no longer exists. The report comes back here when the file does (e.g. when the experiment writes it again).`,
      );
      return;
    }
    try {
      this.showReport(await loadExperimentReport(this.uri));
      this.log(`report panel: read ${file}`);
    } catch (error) {
      const message = failureMessage(error);
      this.log(`report panel: ${message}`);
      this.showProblem('Probe Lens cannot read these results any more', message);
    }
  }

  dispose(): void {
    this.panel.dispose();
  }

  private post(message: ReportHostMessage): void {
    this.last = message;
    void this.panel.webview.postMessage(message);
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.last) void this.panel.webview.postMessage(this.last);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage(`Probe Lens: copied the ${message.what}`, 3000);
        return;
      case 'saveSvg':
        await saveSvgFromPanel(message.svg, message.suggestedName);
        return;
      case 'saveCsv':
        await saveCsvFromPanel(message.header, message.rows, message.suggestedName);
        return;
      case 'train':
        // A report panel has no train button; a message claiming one is ignored.
        return;
    }
  }
}

