import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { ExperimentResults } from '../../src/core/experiments';
import { FUSION_STRATEGIES, POOLING_STRATEGIES } from '../../src/core/heads/registry';
import type { Outcome } from '../../src/extension/commands/outcome';
import type { TrainResponse } from '../../src/protocol/worker';
import { DATA_DIR, TINY_BERT, TINY_LLAMA } from '../shared-path';
import { baseSettings, closeEditors, compare, configure, EXTENSION_ID, fixture, lastResult, openText, valueOf } from './fixture';

const EXPERIMENT_TIMEOUT_MS = 4 * 60_000;

/**
 * A decoder LLM (the tiny random Llama: SentencePiece tokenizer, grouped-query attention, an empty key/value
 * past) as one of the encoders, in the real extension host: training from the default datasets, the panel's
 * comparison, the NER hover, and the report of an experiment run on it.
 */
describe('a Llama decoder as one of the encoders', () => {
  const text = 'The film was a quiet delight, and Anna loved every minute of it in Berlin.';

  before(async () => {
    const { server } = await fixture();
    await configure({ ...baseSettings(server.baseUrl), encoders: [TINY_LLAMA, TINY_BERT] });
  });
  after(async () => {
    const { server } = await fixture();
    await configure(baseSettings(server.baseUrl));
    await closeEditors();
  });

  it('trains every pooling and fusion probe for the Llama and the BERT', async function () {
    this.timeout(300_000);
    const response = valueOf(await vscode.commands.executeCommand<Outcome<TrainResponse>>('probeLens.trainProbes', 'both'));
    assert.deepEqual(
      response.runs.map((run) => [run.encoder, run.task, run.probes.map((p) => p.strategy)]),
      [TINY_LLAMA, TINY_BERT].flatMap((encoder) => [
        [encoder, 'sentiment', [...POOLING_STRATEGIES]],
        [encoder, 'ner', [...FUSION_STRATEGIES]],
      ]),
    );
  });

  it('compares the Llama beside the BERT, and explains cls pooling on the causal model', async () => {
    const { api } = await fixture();
    await openText(text, { select: text });
    const result = valueOf(await compare());
    assert.deepEqual(result.encoders.map((e) => [e.encoder.name, e.encoder.family, e.encoder.layers]), [
      [TINY_LLAMA, 'llama', 4],
      [TINY_BERT, 'bert', 6],
    ]);
    const llama = result.encoders[0];
    assert.deepEqual(llama.missing, []);
    assert.deepEqual(llama.sentiment.map((s) => s.strategy), [...POOLING_STRATEGIES]);
    assert.deepEqual(llama.ner.map((n) => n.strategy), [...FUSION_STRATEGIES]);
    assert.equal(llama.tokens[0].text, '<s>');
    for (const token of llama.tokens.filter((t) => !t.special)) assert.ok(token.start <= token.end && token.end <= text.length);
    assert.ok(result.notices.some((n) => n.includes('is a causal llama model: cls pooling reads the first token')), result.notices.join('\n'));
    assert.deepEqual(lastResult(api), result, 'the panel got the result');
  });

  it('the NER hover answers from the Llama (the first encoder)', async function () {
    this.timeout(240_000);
    const { server } = await fixture();
    // A probe of one strategy on more sentences, so that common entity words are tagged.
    await configure({ ...baseSettings(server.baseUrl), encoders: [TINY_LLAMA], fusionStrategies: ['last'], 'hover.strategy': 'last', 'training.fewShotSize': 400 });
    valueOf(await vscode.commands.executeCommand<Outcome<unknown>>('probeLens.trainProbes', 'ner'));
    const lines = ['Germany beat France in Paris .', 'The U.S. and Britain met in London .', 'Clinton said on Monday in Washington .'];
    const document = (await openText(lines.join('\n'))).document;
    const hovers: string[] = [];
    for (const [line, content] of lines.entries()) {
      for (const match of content.matchAll(/\S+/g)) {
        const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, match.index + 1));
        hovers.push(...found.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).filter((c) => c.includes('fusion')));
      }
    }
    assert.ok(hovers.length > 0, 'no word of the three lines had an entity hover');
    for (const hover of hovers) assert.match(hover, /^\*\*[BI]-\w+\*\* · confidence [01]\.\d\d\n\n`last` fusion · `tiny-random-llama`$/, hover);
  });

  it('shows the report of an experiment run on the Llama and the BERT', async function () {
    this.timeout(EXPERIMENT_TIMEOUT_MS + 30_000);
    const { api } = await fixture();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'llama-experiment-'));
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    const sst2 = path.join(DATA_DIR, 'sst2');
    const args = ['experiment', 'pooling', '--quick', '-m', TINY_LLAMA, '-m', TINY_BERT, '--train', path.join(sst2, 'train.tsv'), '--dev', path.join(sst2, 'dev.tsv')];
    await promisify(execFile)(process.execPath, [cli, ...args, '--out', folder, '--cache-dir', path.join(os.tmpdir(), 'experiment-cache')], { timeout: EXPERIMENT_TIMEOUT_MS });
    const file = path.join(folder, 'results.json');
    const results = JSON.parse(fs.readFileSync(file, 'utf8')) as ExperimentResults;
    assert.deepEqual(results.encoders.map((e) => e.identity.family), ['llama', 'bert']);
    const outcome = await vscode.commands.executeCommand<Outcome<{ file: string }>>('probeLens.showExperimentReport', vscode.Uri.file(file));
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
    const message = api.experimentReports().find((panel) => panel.uri.fsPath === file)?.lastMessage;
    assert.equal(message?.type, 'report');
  });
});
