import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompareResult, EncoderResult, EntitySpan, NerResult } from '../../../src/core/result';
import { entityClasses, entityTypes, ENTITY_COLOURS, spanAgreement } from '../../../webview/view-model/entities';

function span(start: number, end: number, type: string): EntitySpan {
  return { start, end, type, text: '', confidence: 0.9 };
}

function strategy(name: string, spans: EntitySpan[]): NerResult {
  return { strategy: name, spans, words: [] };
}

function encoderWith(ner: NerResult[]): EncoderResult {
  return {
    encoder: { name: 'm', family: 'bert', layers: 2, hiddenSize: 4, dtype: 'fp32' },
    tokens: [],
    sentiment: [],
    ner,
    missing: [],
    timings: { loadMs: 0, encodeMs: 0, headsMs: 0 },
  };
}

describe('entityTypes', () => {
  it('lists every type of every encoder and strategy once, sorted, so a type has one colour everywhere', () => {
    const result: CompareResult = {
      text: '',
      notices: [],
      encoders: [encoderWith([strategy('last', [span(0, 1, 'PER'), span(2, 3, 'LOC')])]), encoderWith([strategy('dwatt', [span(0, 1, 'ORG'), span(2, 3, 'LOC')])])],
    };
    assert.deepEqual(entityTypes(result), ['LOC', 'ORG', 'PER']);
  });
});

describe('entityClasses', () => {
  it('gives the first six types their own colour and later ones a different underline too', () => {
    const seen = new Set<string>();
    for (let i = 0; i < ENTITY_COLOURS * 3; i++) seen.add(entityClasses(i).join(' '));
    assert.equal(seen.size, ENTITY_COLOURS * 3);
    assert.deepEqual(entityClasses(0), ['entity-colour-0']);
    assert.deepEqual(entityClasses(ENTITY_COLOURS), ['entity-colour-0', 'entity-line-1']);
  });
});

describe('spanAgreement', () => {
  it('marks the spans not every strategy found with the same bounds and type', () => {
    const rows = spanAgreement([
      strategy('last', [span(0, 4, 'PER'), span(10, 16, 'LOC')]),
      strategy('scalarmix', [span(0, 4, 'PER'), span(10, 16, 'ORG')]),
      strategy('dwatt', [span(0, 4, 'PER'), span(10, 16, 'LOC'), span(20, 26, 'LOC')]),
    ]);
    assert.deepEqual(rows, [
      [true, false],
      [true, false],
      [true, false, false],
    ]);
  });

  it('counts a span once per strategy, and one strategy alone agrees with itself', () => {
    assert.deepEqual(spanAgreement([strategy('a', [span(0, 1, 'X'), span(0, 1, 'X')]), strategy('b', [])]), [[false, false], []]);
    assert.deepEqual(spanAgreement([strategy('a', [span(0, 1, 'X')])]), [[true]]);
  });
});
