import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProbeLensApi } from '../../src/extension/extension';
import { PANEL_VIEW_TYPE } from '../../src/extension/panel';
import { EXTENSION_ID } from './fixture';
import { waitFor } from './wait-for';

function probeLens(): vscode.Extension<ProbeLensApi> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded in the extension host`);
  return extension;
}

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(PANEL_VIEW_TYPE));
}

describe('Probe Lens in the real extension host', () => {
  it('activates', async () => {
    const extension = probeLens();
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('does not load the model runtime or start the worker when it activates', async () => {
    const api = await probeLens().activate();
    const loaded = Object.keys(require.cache).filter((file) => file.includes('onnxruntime'));
    assert.deepEqual(loaded, []);
    assert.equal(api.workerStarts(), 0);
  });

  it('activates on start-up (for the hover) and when VS Code restores the panel', () => {
    const events = probeLens().packageJSON.activationEvents as string[];
    assert.ok(events.includes('onStartupFinished'), events.join(', '));
    assert.ok(events.includes(`onWebviewPanel:${PANEL_VIEW_TYPE}`), events.join(', '));
  });

  it('shows an idle status bar item that opens the panel', async () => {
    const api = await probeLens().activate();
    assert.equal(api.statusText(), '$(telescope) Probe Lens');
  });

  it('registers every command it contributes', async () => {
    const extension = probeLens();
    await extension.activate();
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((command) => !registered.has(command)),
      [],
      'contributed commands without a handler',
    );
  });

  it('opens the panel as one webview tab, and reveals it rather than opening a second', async () => {
    await vscode.commands.executeCommand('probeLens.openPanel');
    await waitFor(() => panelTabs().length > 0, 'the Probe Lens tab appears');
    assert.equal(panelTabs()[0].label, 'Probe Lens');

    await vscode.commands.executeCommand('probeLens.openPanel');
    // Give a wrongly created second panel the same time to appear as the first one had.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(panelTabs().length, 1);
  });
});
