import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostMessage } from '../../src/protocol/webview';
import type { ProbeLensApi } from '../../src/extension/extension';
import type { CompareResult } from '../../src/core/result';
import type { Outcome } from '../../src/extension/commands/outcome';
import { TINY_BERT, TINY_GPT2 } from '../shared-path';
import { startDataServer } from '../unit/download/data-server';
import { fixtureState, setFixtureState, type FixtureState } from './fixture-state';

export const EXTENSION_ID = 'probe-lens.probe-lens';

/** The settings every test starts from: the two tiny encoders, every strategy, small few-shot training. */
export function baseSettings(baseUrl: string): Record<string, unknown> {
  return {
    encoders: [TINY_BERT, TINY_GPT2],
    dtype: 'auto',
    poolingStrategies: undefined,
    fusionStrategies: undefined,
    'hover.enabled': undefined,
    'hover.strategy': undefined,
    'hover.languages': undefined,
    maxCharacters: undefined,
    offline: false,
    'training.datasetBaseUrl': `${baseUrl}/data`,
    'training.fewShotSize': 40,
    'training.seed': 13,
  };
}

/** The activated extension's API and the local data server (started once for the whole run). */
export async function fixture(): Promise<{ api: ProbeLensApi; server: FixtureState }> {
  const extension = vscode.extensions.getExtension<ProbeLensApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded in the extension host`);
  const api = await extension.activate();
  let server = fixtureState();
  if (!server) {
    const started = await startDataServer();
    server = { baseUrl: started.baseUrl, requests: started.requests, close: () => started.close() };
    setFixtureState(server);
  }
  return { api, server };
}

/** Sets probeLens.<key> in the user settings (undefined removes it) and lets the change land. */
export async function configure(values: Record<string, unknown>): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('probeLens');
  for (const [key, value] of Object.entries(values)) {
    await configuration.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

/** An untitled document in an editor, with `select` (a substring) selected, or the cursor at its start. */
export async function openText(content: string, options: { language?: string; select?: string } = {}): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content, language: options.language ?? 'plaintext' });
  const editor = await vscode.window.showTextDocument(document);
  if (options.select !== undefined) {
    const start = content.indexOf(options.select);
    assert.ok(start >= 0, `"${options.select}" is not in the document`);
    editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(start + options.select.length));
  }
  return editor;
}

export async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function compare(): Thenable<Outcome<CompareResult>> {
  return vscode.commands.executeCommand<Outcome<CompareResult>>('probeLens.comparePooling');
}

/** The value of a successful outcome; a failed one fails the test with its message. */
export function valueOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) assert.fail(`expected success, got ${outcome.reason}: ${outcome.message}`);
  return outcome.value;
}

export function lastResult(api: ProbeLensApi): CompareResult {
  const message: HostMessage | undefined = api.lastPanelMessage();
  assert.equal(message?.type, 'result', `the panel's last message is ${JSON.stringify(message)?.slice(0, 200)}`);
  return (message as Extract<HostMessage, { type: 'result' }>).result;
}
