import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Outcome } from '../../src/extension/commands/outcome';
import type { TrainResponse } from '../../src/protocol/worker';
import { baseSettings, closeEditors, compare, configure, fixture, openText, valueOf } from './fixture';
import { waitFor } from './wait-for';

/** Probe folders under the probes root, as "<encoder key>/<probe>". */
function probeFolders(probesRoot: string): string[] {
  if (!existsSync(probesRoot)) return [];
  return readdirSync(probesRoot).flatMap((encoder) => readdirSync(path.join(probesRoot, encoder)).map((probe) => `${encoder}/${probe}`));
}

/** Starting from no probes at all: the hover stays silent, and a training cancelled halfway leaves only whole probes. */
describe('without probes, and cancelling a training halfway', () => {
  before(async () => {
    const { api, server } = await fixture();
    await configure(baseSettings(server.baseUrl));
    rmSync(api.storage.probesRoot, { recursive: true, force: true });
    // Deleted behind the extension's back: an encoder setting change makes it load everything afresh.
    await configure({ threads: 1 });
  });
  after(async () => {
    const { server } = await fixture();
    await configure({ ...baseSettings(server.baseUrl), threads: undefined });
    await closeEditors();
  });

  it('with no NER probe, the hover stays silent', async () => {
    const editor = await openText('Angela Merkel visited Paris on Monday.');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 2));
    assert.deepEqual(hovers.filter((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('fusion'))), []);
  });

  it('a comparison says every task lacks probes', async () => {
    const text = 'Nothing trained yet.';
    await openText(text, { select: text });
    for (const encoder of valueOf(await compare()).encoders) assert.deepEqual(encoder.missing.map((m) => m.task), ['sentiment', 'ner']);
  });

  it('cancelling halfway reports the cancel and leaves only complete probes (no half-written one)', async function () {
    this.timeout(120_000);
    const { api } = await fixture();
    const training = vscode.commands.executeCommand<Outcome<TrainResponse>>('probeLens.trainProbes', 'both');
    // Halfway: once the first probes are saved.
    await waitFor(() => probeFolders(api.storage.probesRoot).some((p) => !/\.tmp-/.test(p)), 'a first probe is saved', 90_000);
    api.cancelTraining();
    const outcome = await training;
    assert.deepEqual([outcome.ok, outcome.ok ? '' : outcome.reason], [false, 'cancelled']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const folders = probeFolders(api.storage.probesRoot);
    assert.ok(folders.length > 0 && folders.length < 20, `${folders.length} probes after the cancel: ${folders.join(', ')}`);
    for (const folder of folders) {
      assert.doesNotMatch(folder, /\.(tmp|old)-/, `a partial probe was left: ${folder}`);
      assert.deepEqual(readdirSync(path.join(api.storage.probesRoot, folder)).sort(), ['config.json', 'weights.safetensors'], folder);
    }
  });
});
