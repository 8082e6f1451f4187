/** A decoder LLM (the tiny Llama fixture) as one of the encoders: compare, training, eval and experiments. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { ExperimentResults } from '../../../src/core/experiments';
import type { CompareResult } from '../../../src/core/result';
import { DATA_DIR, TINY_BERT, TINY_LLAMA } from '../../shared-path';
import { cli, tempDir, type Run } from './run-cli';
import { FUSION_STRATEGIES, POOLING_STRATEGIES } from '../../../src/core/heads/registry';

const cacheDir = tempDir();
const withCache = (args: string[]) => [...args, '--cache-dir', cacheDir];
const TEXT = 'Ada Lovelace wrote the first computer program in London, and it was brilliant.';

function ok(run: Run): Run {
  assert.equal(run.code, 0, `exit ${run.code}\n${run.stderr}`);
  return run;
}

describe('the tiny Llama beside the tiny BERT in the CLI', () => {
  test('compare --train-missing trains both, then compares every strategy of both side by side', async () => {
    const run = ok(await cli(withCache(['compare', '-m', TINY_BERT, '-m', TINY_LLAMA, '--train-missing', '--data-dir', DATA_DIR, '--few-shot', '30', '--json', TEXT])));
    const result = JSON.parse(run.stdout) as CompareResult;
    assert.deepEqual(result.encoders.map((e) => e.encoder.family), ['bert', 'llama']);
    const llama = result.encoders[1];
    assert.equal(llama.encoder.layers, 4);
    assert.deepEqual(llama.missing, []);
    assert.deepEqual(llama.sentiment.map((s) => s.strategy), [...POOLING_STRATEGIES]);
    assert.deepEqual(llama.ner.map((n) => n.strategy), [...FUSION_STRATEGIES]);
    // Tokens carry the Llama tokenizer's offsets: every content token is a slice of the text.
    for (const token of llama.tokens.filter((t) => !t.special)) assert.ok(token.end <= TEXT.length && token.start <= token.end);
    for (const n of llama.ner) for (const span of n.spans) assert.equal(TEXT.slice(span.start, span.end), span.text);
    assert.ok(result.notices.some((n) => /is a causal llama model: cls pooling reads the first token/.test(n)), result.notices.join('\n'));
  });

  test('train and eval a Llama NER probe', async () => {
    const out = path.join(tempDir(), 'probes');
    const conll = path.join(DATA_DIR, 'conll2003');
    const args = ['--task', 'ner', '--heads', 'dwatt,scalarmix', '--limit', '30'];
    const trained = ok(await cli(withCache(['train', '-m', TINY_LLAMA, ...args, '--train', path.join(conll, 'eng.train'), '--dev', path.join(conll, 'eng.testa'), '--out', out, '--json'])));
    const summary = JSON.parse(trained.stdout) as { probes: { strategy: string }[] };
    assert.deepEqual(summary.probes.map((p) => p.strategy), ['dwatt', 'scalarmix']);
    const evaluated = ok(await cli(withCache(['eval', '-m', TINY_LLAMA, '--task', 'ner', '--probes', out, '--data', path.join(conll, 'eng.testa'), '--limit', '20', '--json'])));
    const metrics = (JSON.parse(evaluated.stdout) as { metrics: Record<string, { f1: number }> }).metrics;
    assert.deepEqual(Object.keys(metrics).sort(), ['dwatt', 'scalarmix']);
    for (const m of Object.values(metrics)) assert.ok(m.f1 >= 0 && m.f1 <= 1);
  });

  test('experiment pooling --quick counts the Llama as the GPT family', async () => {
    const out = path.join(tempDir(), 'pooling');
    const sst2 = path.join(DATA_DIR, 'sst2');
    ok(await cli(withCache(['experiment', 'pooling', '--quick', '-m', TINY_BERT, '-m', TINY_LLAMA, '--train', path.join(sst2, 'train.tsv'), '--dev', path.join(sst2, 'dev.tsv'), '--out', out])));
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as ExperimentResults;
    assert.deepEqual(results.encoders.map((e) => e.identity.family), ['bert', 'llama']);
    const byFamily = results.claims.find((c) => c.id === 'pooling-differs-by-family');
    assert.ok(byFamily);
    assert.notEqual(byFamily.verdict, 'not testable', byFamily.summary);
  });
});
