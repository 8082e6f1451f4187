import * as vscode from 'vscode';
import { type CsvCell, toCsv } from '../core/csv';
import { writeFileAtomic } from '../core/encoders/taps/atomic-write';

/**
 * A panel's "Save CSV": asks where to save the table and writes it there as CSV (toCsv: a table without rows
 * is its header line alone), under a temporary name renamed into place, so an existing file is never left
 * half-written.
 */
export async function saveCsvFromPanel(header: readonly string[], rows: readonly (readonly CsvCell[])[], suggestedName: string): Promise<void> {
  const name = `${suggestedName.replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '-') || 'probe-lens'}.csv`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { 'CSV table': ['csv'] },
    saveLabel: 'Save CSV',
    title: 'Probe Lens: save the table as CSV',
  });
  if (!target) return;
  const bytes = Buffer.from(toCsv(header, rows), 'utf8');
  try {
    // A remote or virtual file system has no rename here: its provider writes the file.
    if (target.scheme === 'file') await writeFileAtomic(target.fsPath, [bytes]);
    else await vscode.workspace.fs.writeFile(target, bytes);
    vscode.window.setStatusBarMessage(`Probe Lens: saved ${target.fsPath}`, 5000);
  } catch (error) {
    void vscode.window.showErrorMessage(`Probe Lens: could not save ${target.fsPath}: ${(error as Error).message}`);
  }
}
