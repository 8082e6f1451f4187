import * as vscode from 'vscode';
import type { CompareResult } from '../../core/result';
import { runCompare } from '../compare';
import type { ProbeLensHost } from '../host';
import { editorText, textEditorInView } from './editor-text';
import { failed, type Outcome } from './outcome';

/**
 * Probe Lens: Compare Pooling — the selection, or the cursor's paragraph, through every encoder and strategy.
 * With a text as the argument (the walkthrough's example), that text instead; the editor context menu's
 * argument (the document's URI) is not one.
 */
export function registerComparePooling(host: ProbeLensHost): vscode.Disposable {
  return vscode.commands.registerCommand('probeLens.comparePooling', (argument?: unknown): Promise<Outcome<CompareResult>> => {
    if (typeof argument === 'string') return runCompare(host, argument);
    const target = editorText(textEditorInView(), 'paragraph');
    if ('problem' in target) {
      void vscode.window.showWarningMessage(`Probe Lens: ${target.problem}`);
      return Promise.resolve(failed('invalid', target.problem));
    }
    return runCompare(host, target.text);
  });
}
