import * as path from 'node:path';
import * as vscode from 'vscode';
import { looksBinary } from '../../core/text-decoding';
import { paragraphAround } from '../text/paragraph';

export type EditorText =
  | { text: string; range: vscode.Range; document: vscode.TextDocument; what: 'selection' | 'paragraph' | 'document' }
  | { problem: string };

const NO_EDITOR = 'Open a text file and select some text first: no editor is active.';

/**
 * The text editor a command acts on: the active one, else (a command run from the walkthrough, the panel or
 * the palette while another editor has focus) the first text editor in view.
 */
export function textEditorInView(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
}

/**
 * The text a command acts on: the (primary) selection, or when nothing is selected `fallback`: the cursor's
 * paragraph (Compare Pooling) or the whole document (Show Entities). Binary files and blank text are refused.
 */
export function editorText(editor: vscode.TextEditor | undefined, fallback: 'paragraph' | 'document'): EditorText {
  if (!editor) return { problem: NO_EDITOR };
  const { document, selection } = editor;
  if (looksBinary(document.getText())) {
    const name = document.isUntitled ? 'This document' : path.basename(document.uri.fsPath);
    return { problem: `${name} looks like a binary file, not text: Probe Lens reads text only.` };
  }
  if (!selection.isEmpty) {
    const text = document.getText(selection);
    if (text.trim() === '') return { problem: 'The selection is only whitespace: select some words.' };
    return { text, range: selection, document, what: 'selection' };
  }
  if (fallback === 'document') {
    const range = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    const text = document.getText();
    if (text.trim() === '') return { problem: 'The document is empty: type or open some text first.' };
    return { text, range, document, what: 'document' };
  }
  const paragraph = paragraphAround(selection.active.line, document.lineCount, (i) => document.lineAt(i).text);
  if (!paragraph) {
    return { problem: 'Nothing is selected and the cursor is on an empty line: select some text, or put the cursor in a paragraph.' };
  }
  const range = new vscode.Range(paragraph.startLine, 0, paragraph.endLine, document.lineAt(paragraph.endLine).text.length);
  return { text: document.getText(range), range, document, what: 'paragraph' };
}
