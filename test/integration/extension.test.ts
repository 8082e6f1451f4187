import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE } from '../../src/extension/panel';
import { waitFor } from './wait-for';

const EXTENSION_ID = 'probe-lens.probe-lens';

function probeLens(): vscode.Extension<unknown> {
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

  it('does not load the model runtime when it activates', async () => {
    await probeLens().activate();
    const loaded = Object.keys(require.cache).filter((file) => file.includes('onnxruntime'));
    assert.deepEqual(loaded, []);
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
