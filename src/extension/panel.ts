import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isWebviewMessage, type HostMessage, type LayerSweeps, type TrainTaskChoice, type WebviewMessage } from '../protocol/webview';
import { renderPanelHtml } from './panel-html';
import { saveCsvFromPanel } from './save-csv';
import { saveSvgFromPanel } from './save-svg';
import type { CompareResult } from '../core/result';

/** The panel's view type; VS Code prefixes it in tab inputs (`mainThreadWebview-probeLens.panel`). */
export const PANEL_VIEW_TYPE = 'probeLens.panel';

/**
 * The single Probe Lens panel beside the editor: opened once and revealed after, restored after a window
 * reload (see registerPanelSerializer), and always showing the last message the host sent: when its script
 * starts again (a reload, or the tab shown again), it asks with `ready` and gets that message.
 */
export class PanelManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private last: HostMessage | undefined;
  private lastResult: CompareResult | undefined;
  private lastLayers: LayerSweeps | undefined;
  private readonly askedToTrain = new vscode.EventEmitter<TrainTaskChoice>();
  /** The user clicked "Train probes" in the panel (shown when a task of the result has no probe). */
  readonly onDidAskToTrain = this.askedToTrain.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: (line: string) => void,
  ) {}

  /** The last message sent to the panel (kept while the panel is closed). */
  get lastMessage(): HostMessage | undefined {
    return this.last;
  }

  /** The layer sweep the Layers section shows (sent beside whatever else the panel shows). */
  get layers(): LayerSweeps | undefined {
    return this.lastLayers;
  }

  /** The text of the last result shown: what "Train probes" compares again once training has finished. */
  get resultText(): string | undefined {
    return this.lastResult?.text;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  show(preserveFocus = false): void {
    if (this.panel) {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      'Probe Lens',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      this.webviewOptions(),
    );
    this.attach(panel, false);
  }

  /** Sends a message to the panel if it is open, and remembers it for when it (re)opens. */
  post(message: HostMessage): void {
    this.last = message;
    if (message.type === 'result') this.lastResult = message.result;
    void this.panel?.webview.postMessage(message);
  }

  /** Sends the last layer sweep to the panel's Layers section if it is open, and keeps it for when it (re)opens. */
  postLayers(layers: LayerSweeps): void {
    this.lastLayers = layers;
    void this.panel?.webview.postMessage({ type: 'layers', layers } satisfies HostMessage);
  }

  /** A panel VS Code restored after a reload; `state` is what the webview saved with setState. */
  revive(panel: vscode.WebviewPanel, state: unknown): void {
    panel.webview.options = this.webviewOptions();
    this.attach(panel, state !== undefined && state !== null);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      // The webview may read only what the extension ships for it.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
  }

  private attach(panel: vscode.WebviewPanel, restoredWithState: boolean): void {
    this.panel?.dispose();
    this.panel = panel;
    const webview = panel.webview;
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
    });
    const subscriptions = [
      webview.onDidReceiveMessage((message: unknown) => {
        if (!isWebviewMessage(message)) {
          this.log(`panel: ignored a malformed message ${JSON.stringify(message)?.slice(0, 200)}`);
          return;
        }
        void this.handle(message, restoredWithState);
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = undefined;
        subscriptions.forEach((s) => s.dispose());
      }),
    ];
  }

  private async handle(message: WebviewMessage, restoredWithState: boolean): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A restored webview redraws from its own saved state until this host has something newer.
        if (this.last) void this.panel?.webview.postMessage(this.last);
        else if (!restoredWithState) void this.panel?.webview.postMessage({ type: 'empty' } satisfies HostMessage);
        if (this.lastLayers) void this.panel?.webview.postMessage({ type: 'layers', layers: this.lastLayers } satisfies HostMessage);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage(`Probe Lens: copied ${message.what}`, 3000);
        return;
      case 'saveSvg':
        await saveSvgFromPanel(message.svg, message.suggestedName);
        return;
      case 'saveCsv':
        await saveCsvFromPanel(message.header, message.rows, message.suggestedName);
        return;
      case 'train':
        this.askedToTrain.fire(message.task);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.askedToTrain.dispose();
  }
}

/** Lets VS Code bring the panel back after a window reload (activation event onWebviewPanel:probeLens.panel). */
export function registerPanelSerializer(manager: PanelManager): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    deserializeWebviewPanel: async (panel, state: unknown) => manager.revive(panel, state),
  });
}
