import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Outcome } from '../../src/extension/commands/outcome';
import { TINY_BERT, TINY_GPT2 } from '../shared-path';
import { baseSettings, closeEditors, compare, configure, fixture, openText, valueOf } from './fixture';

describe('Select Encoders and Clear Caches', () => {
  before(async () => {
    const { server } = await fixture();
    await configure(baseSettings(server.baseUrl));
  });
  after(async () => {
    const { server } = await fixture();
    await configure(baseSettings(server.baseUrl));
    await closeEditors();
  });

  it('Select Encoders writes the list to the user settings, and the next comparison uses it', async () => {
    const outcome = await vscode.commands.executeCommand<Outcome<string[]>>('probeLens.selectEncoders', [TINY_GPT2]);
    assert.deepEqual(valueOf(outcome), [TINY_GPT2]);
    assert.deepEqual(vscode.workspace.getConfiguration('probeLens').inspect('encoders')?.globalValue, [TINY_GPT2]);
    const text = 'Short and sweet.';
    await openText(text, { select: text });
    assert.deepEqual(valueOf(await compare()).encoders.map((e) => e.encoder.name), [TINY_GPT2]);
    const refused = await vscode.commands.executeCommand<Outcome<string[]>>('probeLens.selectEncoders', []);
    assert.equal(refused.ok, false);
    assert.deepEqual(vscode.workspace.getConfiguration('probeLens').inspect('encoders')?.globalValue, [TINY_GPT2], 'unchanged');
  });

  it('Clear Caches deletes the named caches, keeps the trained probes, and comparing works after', async () => {
    const { api } = await fixture();
    const cache = (...parts: string[]) => path.join(api.storage.cacheDir, ...parts);
    for (const folder of [api.storage.featuresDir, cache('taps'), cache('datasets')]) assert.ok(existsSync(folder), `${folder} was never filled`);
    const outcome = await vscode.commands.executeCommand<Outcome<{ cleared: string[]; bytes: number }>>('probeLens.clearCaches', ['features', 'taps', 'datasets']);
    const cleared = valueOf(outcome);
    assert.deepEqual(cleared.cleared, ['features', 'taps', 'datasets']);
    assert.ok(cleared.bytes > 0);
    for (const folder of [api.storage.featuresDir, cache('taps'), cache('datasets')]) assert.equal(existsSync(folder), false, folder);
    assert.ok(existsSync(api.storage.probesRoot), 'trained probes are kept');

    await configure({ encoders: [TINY_BERT] });
    const text = 'The graph is rewritten again on the next load.';
    await openText(text, { select: text });
    assert.equal(valueOf(await compare()).encoders.length, 1);
    assert.ok(existsSync(cache('taps')));
  });
});
