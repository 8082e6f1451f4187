import * as vscode from 'vscode';
import type { CompareResult } from '../../core/result';
import { runCompare } from '../compare';
import type { ProbeLensHost } from '../host';
import { editorText } from './editor-text';
import { failed, type Outcome } from './outcome';

/** Probe Lens: Compare Pooling — the selection, or the cursor's paragraph, through every encoder and strategy. */
export function registerComparePooling(host: ProbeLensHost): vscode.Disposable {
  return vscode.commands.registerCommand('probeLens.comparePooling', (): Promise<Outcome<CompareResult>> => {
    const target = editorText(vscode.window.activeTextEditor, 'paragraph');
    if ('problem' in target) {
      void vscode.window.showWarningMessage(`Probe Lens: ${target.problem}`);
      return Promise.resolve(failed('invalid', target.problem));
    }
    return runCompare(host, target.text);
  });
}
