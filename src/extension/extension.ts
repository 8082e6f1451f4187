import * as vscode from 'vscode';
import { ProbeLensPanel } from './panel';

/**
 * Activation stays cheap: it only registers commands. The model runtime (onnxruntime-node) is loaded
 * on first use, never here.
 */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('probeLens.openPanel', () => {
      ProbeLensPanel.show(context.extensionUri);
    }),
  );
}
