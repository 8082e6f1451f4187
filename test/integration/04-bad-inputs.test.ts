import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { POOLING_STRATEGIES } from '../../src/core/heads/registry';
import type { Outcome } from '../../src/extension/commands/outcome';
import { DEFAULT_SETTINGS } from '../../src/extension/settings/parse-settings';
import { TINY_BERT } from '../shared-path';
import { baseSettings, closeEditors, compare, configure, fixture, openText, valueOf } from './fixture';

function failure<T>(outcome: Outcome<T>): { reason: string; message: string; code?: string } {
  if (outcome.ok) assert.fail('expected the command to refuse or fail, it succeeded');
  return outcome;
}

/**
 * Inputs a user can get wrong: each gives a clear message (the outcome carries it) and the extension host
 * stays responsive. Uses the probes trained by 02.
 */
describe('bad inputs get a clear message and never freeze the extension host', () => {
  beforeEach(async () => {
    const { server } = await fixture();
    await configure(baseSettings(server.baseUrl));
  });
  afterEach(closeEditors);

  it('no editor open', async () => {
    await closeEditors();
    for (const command of ['probeLens.comparePooling', 'probeLens.showEntities']) {
      const outcome = failure(await vscode.commands.executeCommand<Outcome<unknown>>(command));
      assert.equal(outcome.reason, 'invalid');
      assert.match(outcome.message, /no editor is active/i);
    }
  });

  it('nothing selected on an empty line, or only whitespace selected', async () => {
    const editor = await openText('First paragraph.\n\n\nSecond paragraph.');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    assert.match(failure(await compare()).message, /cursor is on an empty line/);
    editor.selection = new vscode.Selection(1, 0, 2, 0);
    assert.match(failure(await compare()).message, /only whitespace/);
  });

  it('a binary file opened as text', async () => {
    await openText('\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000\u0000\u0000 binary bytes \u0000\u0003');
    const outcome = failure(await compare());
    assert.equal(outcome.reason, 'invalid');
    assert.match(outcome.message, /looks like a binary file/);
    assert.match(failure(await vscode.commands.executeCommand<Outcome<unknown>>('probeLens.showEntities')).message, /binary/);
  });

  it('a 100,000-character selection is cut to the limit with a notice, and the host keeps responding', async () => {
    const sentence = 'The plot wanders, yet the actors carry it with charm. ';
    const huge = sentence.repeat(Math.ceil(100_000 / sentence.length)).slice(0, 100_000);
    await openText(huge, { select: huge });
    // This test runs on the extension host's thread: a timer that stops firing means the host froze.
    let last = Date.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      longestGap = Math.max(longestGap, Date.now() - last);
      last = Date.now();
    }, 20);
    let result;
    try {
      result = valueOf(await compare());
    } finally {
      clearInterval(ticker);
    }
    assert.ok(result.text.length <= DEFAULT_SETTINGS.maxCharacters, `${result.text.length} characters were probed`);
    assert.ok(result.notices.some((n) => n.includes('100,000 characters')), result.notices.join('\n'));
    assert.ok(longestGap < 1000, `the extension host was blocked for ${longestGap} ms`);
  });

  it('emoji, right-to-left and CJK text', async () => {
    const text = 'Great film 😀👍🏽! مرحبا بالعالم — 这部电影很好看。 שלום Ünïcödé';
    await openText(text, { select: text });
    const result = valueOf(await compare());
    assert.equal(result.text, text);
    for (const encoder of result.encoders) {
      assert.ok(encoder.tokens.every((t) => t.start >= 0 && t.end <= text.length && t.start <= t.end));
      assert.equal(encoder.sentiment.length, POOLING_STRATEGIES.length);
      for (const ner of encoder.ner) assert.ok(ner.spans.every((s) => text.slice(s.start, s.end) === s.text));
    }
  });

  it('an encoder folder that does not exist: named in the message; with another encoder, that one still answers', async () => {
    const { api } = await fixture();
    const missing = path.join(path.dirname(TINY_BERT), 'no-such-model');
    await configure({ encoders: [missing] });
    const text = 'Nothing to see here.';
    await openText(text, { select: text });
    const outcome = failure(await compare());
    assert.equal(outcome.code, 'model-not-found');
    assert.ok(outcome.message.includes(missing) && /does not exist/.test(outcome.message), outcome.message);
    assert.deepEqual(api.lastPanelMessage(), { type: 'error', message: outcome.message });

    await configure({ encoders: [missing, TINY_BERT] });
    const result = valueOf(await compare());
    assert.deepEqual(result.encoders.map((e) => e.encoder.name), [TINY_BERT]);
    assert.ok(result.notices.some((n) => n.includes(missing)), result.notices.join('\n'));
  });

  it('settings with invalid values fall back to their defaults instead of breaking the comparison', async () => {
    await configure({ maxCharacters: 'lots', poolingStrategies: ['median'], 'hover.strategy': 42, encoders: [TINY_BERT] });
    const text = 'Settings gone wrong should not matter.';
    await openText(text, { select: text });
    const result = valueOf(await compare());
    assert.deepEqual(result.encoders[0].sentiment.map((s) => s.strategy), [...POOLING_STRATEGIES]);
  });
});
