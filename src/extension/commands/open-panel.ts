import * as vscode from 'vscode';
import type { ProbeLensHost } from '../host';

/** Probe Lens: Open Panel — shows the panel beside the editor (with the last result, if any). */
export function registerOpenPanel(host: ProbeLensHost): vscode.Disposable {
  return vscode.commands.registerCommand('probeLens.openPanel', () => host.panel.show());
}
