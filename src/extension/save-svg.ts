import * as vscode from 'vscode';

// An SVG the webview drew is at most a few hundred KB; anything far beyond is not one.
const MAX_SVG_CHARS = 20 * 1024 * 1024;

/** A panel's "Save SVG": checks the text is an SVG document, asks where to save it and writes it there. */
export async function saveSvgFromPanel(svg: string, suggestedName: string): Promise<void> {
  if (svg.length > MAX_SVG_CHARS || !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg)) {
    void vscode.window.showErrorMessage('Probe Lens: the panel sent a picture that is not an SVG document; nothing was saved.');
    return;
  }
  const name = `${suggestedName.replace(/\.svg$/i, '').replace(/[^\w.-]+/g, '-') || 'probe-lens'}.svg`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { 'SVG image': ['svg'] },
    saveLabel: 'Save SVG',
    title: 'Probe Lens: save the picture as SVG',
  });
  if (!target) return;
  try {
    await vscode.workspace.fs.writeFile(target, Buffer.from(svg, 'utf8'));
    vscode.window.setStatusBarMessage(`Probe Lens: saved ${target.fsPath}`, 5000);
  } catch (error) {
    void vscode.window.showErrorMessage(`Probe Lens: could not save ${target.fsPath}: ${(error as Error).message}`);
  }
}
