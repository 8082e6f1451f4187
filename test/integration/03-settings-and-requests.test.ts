import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Outcome } from '../../src/extension/commands/outcome';
import type { CompareResult } from '../../src/core/result';
import { TINY_BERT, TINY_GPT2 } from '../shared-path';
import { baseSettings, closeEditors, compare, configure, fixture, lastResult, openText, valueOf } from './fixture';

/** Settings apply to the next request without a reload; requests in quick succession. Uses 02's probes. */
describe('settings take effect without a reload, and a newer request supersedes an older one', () => {
  const text = 'A warm, funny and moving story that never drags.';

  beforeEach(async () => {
    const { server } = await fixture();
    await configure(baseSettings(server.baseUrl));
    await openText(text, { select: text });
  });
  after(async () => {
    const { server } = await fixture();
    await configure(baseSettings(server.baseUrl));
    await closeEditors();
  });

  it('shows only the strategies the settings name, in their order', async () => {
    await configure({ poolingStrategies: ['weighted', 'mean'], fusionStrategies: ['dwatt', 'last'] });
    const result = valueOf(await compare());
    for (const encoder of result.encoders) {
      assert.deepEqual(encoder.sentiment.map((s) => s.strategy), ['weighted', 'mean']);
      assert.deepEqual(encoder.ner.map((n) => n.strategy), ['dwatt', 'last']);
    }
  });

  it('compares with the encoders the settings name, reloading them when the setting changes', async () => {
    await configure({ encoders: [TINY_GPT2] });
    assert.deepEqual(valueOf(await compare()).encoders.map((e) => e.encoder.name), [TINY_GPT2]);
    await configure({ encoders: [TINY_BERT, TINY_GPT2] });
    assert.deepEqual(valueOf(await compare()).encoders.map((e) => e.encoder.name), [TINY_BERT, TINY_GPT2]);
  });

  it('cuts text longer than the max characters setting, and says so in the result', async () => {
    await configure({ maxCharacters: 100 });
    const long = `${'Every scene of this long review repeats itself. '.repeat(20)}The end.`;
    await openText(long, { select: long });
    const result = valueOf(await compare());
    assert.ok(result.text.length <= 100 && long.startsWith(result.text), `${result.text.length} characters probed`);
    assert.ok(result.notices.some((n) => n.includes(long.length.toLocaleString('en-US'))), result.notices.join('\n'));
  });

  it('a second comparison started before the first ends supersedes it; the panel shows the second', async () => {
    const { api } = await fixture();
    const secondText = 'Dull, slow and far too long.';
    const editor = await openText(`${text}\n${secondText}`, { select: text });
    // Commands read the selection as they start: the second starts while the first waits for the worker.
    const first = compare();
    editor.selection = new vscode.Selection(1, 0, 1, secondText.length);
    const second = compare();
    const [firstOutcome, secondOutcome] = (await Promise.all([first, second])) as [Outcome<CompareResult>, Outcome<CompareResult>];
    assert.deepEqual([firstOutcome.ok, firstOutcome.ok ? '' : firstOutcome.reason], [false, 'superseded']);
    assert.equal(valueOf(secondOutcome).text, secondText);
    assert.equal(lastResult(api).text, secondText);
  });

  it('a second training started while one runs is refused with a clear message, not queued', async function () {
    this.timeout(120_000);
    await configure({ encoders: [TINY_BERT], poolingStrategies: ['mean'], 'training.fewShotSize': 16 });
    const first = vscode.commands.executeCommand<Outcome<unknown>>('probeLens.trainProbes', 'sentiment');
    const second = await vscode.commands.executeCommand<Outcome<unknown>>('probeLens.trainProbes', 'ner');
    assert.deepEqual([second.ok, second.ok ? '' : second.reason], [false, 'busy']);
    assert.match(second.ok ? '' : second.message, /already being trained/);
    valueOf(await first);
  });
});
