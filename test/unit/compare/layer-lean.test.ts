import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from '../../../src/core/csv';
import { POOLING_STRATEGIES } from '../../../src/core/heads/registry';
import { layerLean } from '../../../src/core/layer-lean';
import type { EncoderResult, NerResult } from '../../../src/core/result';
import { sentimentCsvTable, timingsCsvTable } from '../../../src/core/result-tables';

function encoderResult(ner: NerResult[], layers = 6): EncoderResult {
  return {
    encoder: { name: '/models/tiny-bert', family: 'bert', layers, hiddenSize: 128, dtype: 'fp32' },
    tokens: [],
    sentiment: POOLING_STRATEGIES.map((strategy, i) => ({
      strategy,
      label: i % 2 ? 'negative' : 'positive',
      probabilities: [
        { label: 'negative', probability: i % 2 ? 0.75 : 0.25 },
        { label: 'positive', probability: i % 2 ? 0.25 : 0.75 },
      ],
      margin: 0.5,
    })),
    ner,
    missing: [],
    timings: { loadMs: 10, encodeMs: 2.5, headsMs: 1 },
  };
}

const nerRow = (strategy: string, layerWeights?: NerResult['layerWeights']): NerResult => ({ strategy, spans: [], words: [], ...(layerWeights ? { layerWeights } : {}) });

describe('which layer a strategy leans on', () => {
  it('ScalarMix: the layer of its largest mixing weight', () => {
    const weights = [0.1, 0.05, 0.3, 0.2, 0.1, 0.15, 0.1];
    const lean = layerLean(encoderResult([nerRow('scalarmix', { kind: 'global', weights, gamma: 1.2 })]), 'ner', 'scalarmix');
    assert.equal(lean?.layer, 2);
    assert.match(lean?.reason ?? '', /ScalarMix weight, 0\.30/);
  });

  it('DWAtt: the layer of the largest α averaged over the words of the text, not of any one word', () => {
    // Word 1 puts most on layer 0, but averaged over the three words layer 3 leads.
    const rows = [
      [0.9, 0, 0, 0.1],
      [0, 0.2, 0, 0.8],
      [0, 0.3, 0, 0.7],
    ];
    const lean = layerLean(encoderResult([nerRow('dwatt', { kind: 'per-word', layers: 4, rows })], 3), 'ner', 'dwatt');
    assert.equal(lean?.layer, 3);
    assert.match(lean?.reason ?? '', /3 words, 0\.53/);
    const none = layerLean(encoderResult([nerRow('dwatt', { kind: 'per-word', layers: 4, rows: [] })], 3), 'ner', 'dwatt');
    assert.equal(none?.layer, null, 'a text without words has no mean');
  });

  it('every pooling (weighted and attention too) and the one-layer fusions read the last layer', () => {
    const encoder = encoderResult([nerRow('last'), nerRow('last+mlp')], 6);
    for (const strategy of POOLING_STRATEGIES) assert.equal(layerLean(encoder, 'sentiment', strategy)?.layer, 6, strategy);
    assert.equal(layerLean(encoder, 'ner', 'last')?.layer, 6);
    assert.equal(layerLean(encoder, 'ner', 'last+mlp')?.layer, 6);
  });

  it('concat has no single layer; a strategy this version does not know has no answer', () => {
    const encoder = encoderResult([nerRow('concat')]);
    assert.equal(layerLean(encoder, 'ner', 'concat')?.layer, null);
    assert.equal(layerLean(encoder, 'ner', 'future-fusion'), undefined);
    assert.equal(layerLean(encoder, 'sentiment', 'dwatt'), undefined, 'a fusion strategy is not a pooling');
  });
});

describe('the compare result as CSV tables', () => {
  it('the sentiment table: a row per pooling with every probability, the margin and the lean', () => {
    const encoder = encoderResult([]);
    const table = sentimentCsvTable(encoder);
    assert.deepEqual(table.header, ['encoder', 'pooling', 'label', 'p(negative)', 'p(positive)', 'margin', 'leans_on_layer']);
    assert.deepEqual(table.rows[1], ['/models/tiny-bert', POOLING_STRATEGIES[1], 'negative', 0.75, 0.25, 0.5, 6]);
    assert.equal(table.rows.length, POOLING_STRATEGIES.length);
  });

  it('an encoder without sentiment saves a header-only file, not an error', () => {
    const table = sentimentCsvTable({ ...encoderResult([]), sentiment: [] });
    assert.equal(toCsv(table.header, table.rows), 'encoder,pooling,label,margin,leans_on_layer\r\n');
  });

  it('timings in milliseconds with the total', () => {
    const table = timingsCsvTable([encoderResult([])]);
    assert.equal(toCsv(table.header, table.rows), 'encoder,load_ms,encode_ms,heads_ms,total_ms\r\n/models/tiny-bert,10,2.5,1,13.5\r\n');
  });
});
