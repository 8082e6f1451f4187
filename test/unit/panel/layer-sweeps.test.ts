import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sweepEncoder } from '../../../src/core/probing';
import { layerCurveChart } from '../../../src/core/probing/layer-curve-chart';
import { labelsOf, taskData } from '../../../src/core/train/task-data';
import { readLayerSweeps, writeLayerSweeps } from '../../../src/extension/layers/layer-sweeps-file';
import { isHostMessage, isWebviewMessage, type LayerSweeps } from '../../../src/protocol/webview';
import { nextState, persistedState, restoredState } from '../../../webview/view-model/panel-state';
import { fakeSentiment } from '../train/fake-data';
import { FakeEncoder, fakeIdentity } from '../train/fake-encoder';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-panel-layers-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

let layers: LayerSweeps;

before(async () => {
  // A real sweep of a stand-in encoder: what the worker answers the Sweep Layers command with.
  const encoder = new FakeEncoder(fakeIdentity({ layers: 3 }));
  const train = fakeSentiment(80, 1);
  const labels = labelsOf(train);
  const sweep = await sweepEncoder({ encoder, task: 'sentiment', labels, train: taskData(train, labels), dev: taskData(fakeSentiment(40, 2), labels), strategies: ['mean', 'max'], mdl: false, cacheDir: path.join(work, 'features') });
  layers = { finished: new Date(0).toISOString(), fewShotSize: 80, sweeps: [{ encoder: encoder.identity.name, task: 'sentiment', sweep }], skipped: [] };
});

describe('the kept layer sweep', () => {
  it('is written whole and read back as it was, surviving a reload', async () => {
    const file = path.join(work, 'storage', 'layer-sweeps.json');
    assert.equal(await readLayerSweeps(file), undefined, 'no file yet: nothing to show');
    await writeLayerSweeps(file, layers);
    assert.deepEqual(await readLayerSweeps(file), layers);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['layer-sweeps.json'], 'a temporary file was left behind');
  });

  it('a damaged or foreign file is refused with a message naming it and the way out', async () => {
    const file = path.join(work, 'damaged.json');
    for (const content of ['{"version":1,"layers":', '{"version":2,"layers":{}}', '[]']) {
      fs.writeFileSync(file, content);
      await assert.rejects(readLayerSweeps(file), (error: Error) => error.message.includes(file) && /Sweep Layers again/.test(error.message), content);
    }
  });
});

describe('the Layers section in the panel state', () => {
  it('travels as a host message and is kept beside the result, the loading and the error', () => {
    const message = { type: 'layers' as const, layers };
    assert.ok(isHostMessage(message));
    assert.ok(!isHostMessage({ type: 'layers', layers: { sweeps: [] } }));
    const result = { text: 't', encoders: [], notices: [] };
    let state = nextState({ status: 'empty' }, message);
    assert.deepEqual(state, { status: 'empty', layers });
    state = nextState(state, { type: 'loading', text: 't', encoders: ['a'] });
    assert.equal(state.layers, layers);
    state = nextState(state, { type: 'result', result });
    assert.deepEqual(state, { status: 'result', result, layers });
    assert.equal(nextState(state, { type: 'error', message: 'm' }).layers, layers);
  });

  it('is saved with the webview state and restored after a reload, with or without a result', () => {
    assert.deepEqual(restoredState(persistedState({ status: 'empty', layers })), { status: 'empty', layers });
    const result = { text: 't', encoders: [], notices: [] };
    assert.deepEqual(restoredState(persistedState({ status: 'result', result, layers })), { status: 'result', result, layers });
    assert.deepEqual(restoredState({ version: 1, layers: { sweeps: 'x' } }), { status: 'starting' });
  });
});

describe('Save CSV messages from the webview', () => {
  it('carry a header and rows of plain cells; anything else is ignored', () => {
    assert.ok(isWebviewMessage({ type: 'saveCsv', header: ['a', 'b'], rows: [['x', 1], [null, true]], suggestedName: 'n.csv' }));
    assert.ok(isWebviewMessage({ type: 'saveCsv', header: ['a'], rows: [], suggestedName: 'empty' }), 'an empty table is a table');
    for (const bad of [
      { type: 'saveCsv', header: 'a', rows: [], suggestedName: 'n' },
      { type: 'saveCsv', header: ['a'], rows: [[{}]], suggestedName: 'n' },
      { type: 'saveCsv', header: ['a'], rows: ['x'], suggestedName: 'n' },
      { type: 'saveCsv', header: ['a'], rows: [] },
    ]) {
      assert.ok(!isWebviewMessage(bad), JSON.stringify(bad));
    }
  });
});

describe('the layer-curve chart', () => {
  it('draws a line per strategy and names each best and expected layer for its caption', () => {
    const { sweep } = layers.sweeps[0];
    const { title, svg, marks } = layerCurveChart('stand-in', sweep);
    assert.equal(title, 'Accuracy of a linear probe per layer — stand-in');
    const named = sweep.strategies.map((s) => `${s.strategy} ${s.bestLayer === 0 ? 'emb' : s.bestLayer} (${s.expectedLayer === null ? 'none' : s.expectedLayer.toFixed(1)})`);
    assert.equal(marks, `Best layer (expected layer): ${named.join(', ')}.`);
    assert.equal((svg.match(/<circle/g) ?? []).length, sweep.strategies.length * (sweep.layerCount + 1), 'a point per layer and strategy, and one per legend entry');
  });
});
