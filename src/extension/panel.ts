import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isWebviewMessage, type HostMessage } from '../protocol';
import { renderPanelHtml } from './panel-html';

/** The panel's view type; VS Code prefixes it in tab inputs (`mainThreadWebview-probeLens.panel`). */
export const PANEL_VIEW_TYPE = 'probeLens.panel';

/** The single Probe Lens panel: opened beside the editor, revealed again rather than duplicated. */
export class ProbeLensPanel implements vscode.Disposable {
  private static current: ProbeLensPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(extensionUri: vscode.Uri): ProbeLensPanel {
    if (ProbeLensPanel.current) {
      ProbeLensPanel.current.panel.reveal(vscode.ViewColumn.Beside);
      return ProbeLensPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Probe Lens', vscode.ViewColumn.Beside, {
      enableScripts: true,
      // The webview may read only what the extension ships for it.
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
    });
    ProbeLensPanel.current = new ProbeLensPanel(panel, extensionUri);
    return ProbeLensPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    const webview = panel.webview;
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => {
        // The webview asks for the state once its script runs, so no message is sent before it listens.
        if (isWebviewMessage(message) && message.type === 'ready') {
          this.post({ type: 'empty' });
        }
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (ProbeLensPanel.current === this) {
      ProbeLensPanel.current = undefined;
    }
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
  }
}
