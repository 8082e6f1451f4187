import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Outcome } from '../../src/extension/commands/outcome';
import type { LayerSweeps } from '../../src/protocol/webview';
import { TINY_BERT } from '../shared-path';
import { baseSettings, closeEditors, configure, fixture, valueOf } from './fixture';
import { waitFor } from './wait-for';

function sweepLayers(task: 'sentiment' | 'ner' | 'both'): Thenable<Outcome<LayerSweeps>> {
  return vscode.commands.executeCommand<Outcome<LayerSweeps>>('probeLens.sweepLayers', task);
}

/** Probe Lens: Sweep Layers on the tiny BERT: a linear probe per layer, shown in the panel's Layers section and kept on disk. */
describe('Sweep Layers', () => {
  before(async () => {
    const { api, server } = await fixture();
    await configure({ ...baseSettings(server.baseUrl), encoders: [TINY_BERT] });
    rmSync(api.storage.featuresDir, { recursive: true, force: true });
    rmSync(api.layerSweepsFile, { force: true });
  });
  after(async () => {
    const { server } = await fixture();
    await configure(baseSettings(server.baseUrl));
    await closeEditors();
  });

  it('a second sweep while one runs is refused, and Cancel stops it without touching what was kept', async function () {
    this.timeout(120_000);
    const { api } = await fixture();
    const sweeping = sweepLayers('sentiment');
    // The data is ready and the encoder loaded: the sweep extracts features or fits probes.
    await waitFor(() => /· sentiment: /.test(api.statusText()), 'the sweep starts on the encoder', 90_000);
    const second = await sweepLayers('ner');
    assert.deepEqual([second.ok, second.ok ? '' : second.reason], [false, 'busy']);
    api.cancelSweep();
    const outcome = await sweeping;
    assert.deepEqual([outcome.ok, outcome.ok ? '' : outcome.reason], [false, 'cancelled']);
    assert.ok(!existsSync(api.layerSweepsFile), 'a cancelled sweep wrote a file');
    assert.equal(api.panelLayers(), undefined);
  });

  it('sweeps both tasks on every layer and shows them in the panel, kept on disk for the next window', async function () {
    this.timeout(180_000);
    const { api } = await fixture();
    const layers = valueOf(await sweepLayers('both'));
    assert.deepEqual(
      layers.sweeps.map((s) => [s.encoder, s.task]),
      [
        [TINY_BERT, 'sentiment'],
        [TINY_BERT, 'ner'],
      ],
    );
    assert.equal(layers.fewShotSize, 40);
    const [sentiment, ner] = layers.sweeps.map((s) => s.sweep);
    assert.deepEqual(sentiment.strategies.map((s) => s.strategy), ['mean', 'max', 'cls', 'last', 'sum', 'weightedmean', 'mean+max']);
    assert.deepEqual(ner.strategies.map((s) => s.strategy), ['token']);
    for (const sweep of [sentiment, ner]) {
      assert.equal(sweep.layerCount, 7, 'the tiny BERT has 6 blocks and the embeddings output');
      for (const s of sweep.strategies) {
        assert.deepEqual(s.layers.map((l) => l.layer), [0, 1, 2, 3, 4, 5, 6]);
        assert.ok(s.layers.every((l) => l.score >= 0 && l.score <= 1 && l.control !== null && l.mdl !== null), `${s.strategy}: ${JSON.stringify(s.layers[0])}`);
        assert.equal(s.bestLayer, s.layers.reduce((best, l) => (l.score > best.score ? l : best)).layer);
      }
    }
    assert.ok(sentiment.trainExamples <= 40 && ner.trainExamples <= 40);
    // The panel got it (and opened to show it), and the file holds the same sweep for the next window.
    assert.equal(api.panelLayers(), layers);
    await waitFor(() => vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.label === 'Probe Lens')), 'the panel opens');
    assert.deepEqual(JSON.parse(readFileSync(api.layerSweepsFile, 'utf8')), { version: 1, layers: JSON.parse(JSON.stringify(layers)) });
  });
});
