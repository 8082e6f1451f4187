import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FUSION_STRATEGIES } from '../../src/core/heads/registry';
import { POOLING_STRATEGIES } from '../../src/core/heads/registry';
import type { Outcome } from '../../src/extension/commands/outcome';
import type { TrainResponse } from '../../src/worker/protocol';
import { TINY_BERT, TINY_GPT2 } from '../shared-path';
import { baseSettings, closeEditors, compare, configure, fixture, lastResult, openText, valueOf } from './fixture';

/**
 * A user's first run: compare with no probes (the panel still shows both encoders and says what is missing),
 * train from the default datasets (downloaded by the real download code from a local server), compare again.
 * Later test files use the probes trained here.
 */
describe('first run: no probes, training from the default datasets, then a full comparison', () => {
  const text = 'The film was a quiet delight from start to finish, and Anna loved every minute of it in Berlin.';

  before(async () => {
    const { server } = await fixture();
    await configure(baseSettings(server.baseUrl));
  });
  after(closeEditors);

  it('compares before any probe exists: both encoders answer, each says which tasks lack probes', async () => {
    const { api } = await fixture();
    await openText(text, { select: text });
    const result = valueOf(await compare());
    assert.equal(api.workerStarts(), 1, 'the first comparison starts the worker');
    assert.deepEqual(result.encoders.map((e) => e.encoder.name), [TINY_BERT, TINY_GPT2]);
    for (const encoder of result.encoders) {
      assert.deepEqual(encoder.missing.map((m) => m.task), ['sentiment', 'ner']);
      assert.ok(encoder.tokens.length > 10);
    }
    assert.deepEqual(lastResult(api), result, 'the panel got the result');
  });

  it('trains sentiment and NER probes with progress, downloading SST-2 and CoNLL-2003 from the local server', async function () {
    this.timeout(240_000);
    const { api, server } = await fixture();
    const statusTexts = new Set<string>();
    const sampler = setInterval(() => statusTexts.add(api.statusText()), 50);
    let outcome: Outcome<TrainResponse>;
    try {
      outcome = await vscode.commands.executeCommand<Outcome<TrainResponse>>('probeLens.trainProbes', 'both');
    } finally {
      clearInterval(sampler);
    }
    const response = valueOf(outcome);
    for (const file of ['sst2/train.tsv', 'sst2/dev.tsv', 'conll2003/eng.train', 'conll2003/eng.testa']) {
      assert.ok(server.requests.includes(`/data/${file}`), `${file} was not downloaded: ${server.requests.join(', ')}`);
    }
    assert.deepEqual(response.downloaded.map((d) => d.title), ['SST-2 (GLUE)', 'CoNLL-2003 English NER']);
    assert.deepEqual(
      response.runs.map((run) => [path.basename(run.encoder), run.task, run.probes.map((p) => p.strategy)]),
      [TINY_BERT, TINY_GPT2].flatMap((encoder) => [
        [path.basename(encoder), 'sentiment', [...POOLING_STRATEGIES]],
        [path.basename(encoder), 'ner', [...FUSION_STRATEGIES]],
      ]),
    );
    for (const run of response.runs) {
      assert.equal(run.examples, 40, 'the few-shot size setting');
      assert.ok(existsSync(run.probesDir) && run.probesDir.startsWith(api.storage.probesRoot), run.probesDir);
      const strategies = run.task === 'sentiment' ? POOLING_STRATEGIES : FUSION_STRATEGIES;
      assert.deepEqual(
        readdirSync(run.probesDir).filter((name) => name.startsWith(`${run.task}-`)).sort(),
        strategies.map((strategy) => `${run.task}-${strategy}`).sort(),
      );
    }
    assert.ok(
      [...statusTexts].some((t) => t.startsWith('$(loading~spin) Probe Lens:')),
      `the status bar never showed the training: ${[...statusTexts].join(' | ')}`,
    );
  });

  it('the panel then receives a result with every configured strategy for both tiny encoders', async () => {
    const { api } = await fixture();
    await openText(text, { select: text });
    const result = valueOf(await compare());
    assert.deepEqual(result.encoders.map((e) => e.encoder.name), [TINY_BERT, TINY_GPT2]);
    for (const encoder of result.encoders) {
      assert.deepEqual(encoder.missing, []);
      assert.deepEqual(encoder.sentiment.map((s) => s.strategy), [...POOLING_STRATEGIES]);
      // SST-2's raw labels are 0/1; the default dataset names them.
      for (const row of encoder.sentiment) assert.deepEqual(row.probabilities.map((p) => p.label), ['negative', 'positive'], row.strategy);
      assert.deepEqual(encoder.ner.map((n) => n.strategy), [...FUSION_STRATEGIES]);
      const weighted = encoder.sentiment.find((s) => s.strategy === 'weighted');
      assert.equal(weighted?.tokenWeights?.length, encoder.tokens.length, 'weighted pooling carries a weight per token');
      assert.equal(encoder.ner.find((n) => n.strategy === 'dwatt')?.layerWeights?.kind, 'per-word');
      assert.equal(encoder.ner.find((n) => n.strategy === 'scalarmix')?.layerWeights?.kind, 'global');
    }
    assert.deepEqual(lastResult(api), result);
    assert.equal(api.statusText(), '$(telescope) Probe Lens', 'the status bar is idle again');
  });

  it('with nothing selected, compares the paragraph under the cursor', async () => {
    const editor = await openText(`First paragraph here.\n\n${text}\nstill the same paragraph.\n\nLast one.`);
    editor.selection = new vscode.Selection(3, 4, 3, 4);
    const result = valueOf(await compare());
    assert.equal(result.text, `${text}\nstill the same paragraph.`);
  });
});
