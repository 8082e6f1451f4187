/** What the panel's HTML needs from the host; plain strings so this file stays free of the vscode API. */
export interface PanelHtmlInputs {
  /** `webview.cspSource`: the origin the webview may load the extension's own files from. */
  cspSource: string;
  /** `webview.asWebviewUri` of dist/webview.js and media/panel.css. */
  scriptUri: string;
  styleUri: string;
  /** A fresh random value per render: only the script carrying it may run. */
  nonce: string;
  /** Which app the shared script starts: the comparison panel (default) or an experiment report. */
  view?: PanelView;
  /** The document's title (default "Probe Lens"). */
  title?: string;
}

export type PanelView = 'compare' | 'experiment-report';

/**
 * The panel's document. The policy allows nothing by default: the bundled script (by nonce), the
 * extension's own stylesheet and images, and no remote origin at all.
 */
export function renderPanelHtml({ cspSource, scriptUri, styleUri, nonce, view = 'compare', title = 'Probe Lens' }: PanelHtmlInputs): string {
  const policy = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${policy}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${styleUri}">
  <title>${escapeHtml(title)}</title>
</head>
<body>
  <main id="app" data-view="${view}"></main>
  <script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
