import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Tape, Tensor } from '../../../src/core/heads/autograd';
import { dwattParameterCount } from '../../../src/core/heads/fusion/dwatt';
import { lastMlpParameterCount, matchedMlpWidth } from '../../../src/core/heads/fusion/last-mlp';
import { FUSION_STRATEGIES } from '../../../src/core/heads/registry';
import { createHead } from '../../../src/core/heads/head';
import { type Task } from '../../../src/core/task';
import { POOLING_STRATEGIES } from '../../../src/core/heads/registry';
import { syntheticBatch } from './synthetic';

const HIDDEN = 6;
const LENGTHS = [3, 1, 4];

function pool(strategy: string) {
  const batch = syntheticBatch(LENGTHS, 1, HIDDEN, 1, false);
  const head = createHead('sentiment', strategy, { hiddenSize: HIDDEN, numLayers: 3, numLabels: 2 }, 2);
  const { vectors: pooled, tokenWeights } = head.encode(new Tape(false), batch);
  return { batch, pooled, tokenWeights };
}

function fuse(strategy: string, layers: number, batch: ReturnType<typeof syntheticBatch>) {
  const head = createHead('ner', strategy, { hiddenSize: HIDDEN, numLayers: layers, numLabels: 3 }, 1);
  const { vectors: fused, layerWeights, scale } = head.encode(new Tape(false), batch);
  return { fused, layerWeights, scale };
}

function row(t: Tensor, r: number): number[] {
  return Array.from(t.data.subarray(r * t.cols, (r + 1) * t.cols));
}

test('mean, max, cls and last pool exactly their definition within each sentence', () => {
  const strategies = {
    mean: (rows: number[][]) => rows[0].map((_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length),
    max: (rows: number[][]) => rows[0].map((_, j) => Math.max(...rows.map((r) => r[j]))),
    cls: (rows: number[][]) => rows[0],
    last: (rows: number[][]) => rows[rows.length - 1],
  };
  for (const [strategy, expected] of Object.entries(strategies)) {
    const { batch, pooled } = pool(strategy);
    const tokens = batch.layers[0];
    LENGTHS.forEach((_, b) => {
      const rows = Array.from({ length: LENGTHS[b] }, (_, t) => row(tokens, batch.offsets[b] + t));
      const want = expected(rows);
      row(pooled, b).forEach((v, j) => assert.ok(Math.abs(v - want[j]) < 1e-6, `${strategy} sentence ${b} feature ${j}`));
    });
  }
});

test('weighted pooling exposes token weights that sum to 1 per sentence and reproduce the pooled vector', () => {
  const { batch, pooled, tokenWeights } = pool('weighted');
  assert.ok(tokenWeights);
  assert.equal(tokenWeights.rows, batch.offsets[LENGTHS.length]);
  LENGTHS.forEach((_, b) => {
    let sum = 0;
    const manual = new Array<number>(HIDDEN).fill(0);
    for (let t = batch.offsets[b]; t < batch.offsets[b + 1]; t++) {
      sum += tokenWeights.data[t];
      row(batch.layers[0], t).forEach((v, j) => (manual[j] += tokenWeights.data[t] * v));
    }
    assert.ok(Math.abs(sum - 1) < 1e-6);
    row(pooled, b).forEach((v, j) => assert.ok(Math.abs(v - manual[j]) < 1e-5));
  });
});

test('a sentence pools the same alone or packed with others (no leakage across sentences)', () => {
  for (const strategy of POOLING_STRATEGIES) {
    const head = createHead('sentiment', strategy, { hiddenSize: HIDDEN, numLayers: 3, numLabels: 2 }, 4);
    const batch = syntheticBatch(LENGTHS, 1, HIDDEN, 1, false);
    const together = head.forward(new Tape(false), batch).logits;
    const start = batch.offsets[2] * HIDDEN;
    const alone = head.forward(new Tape(false), {
      layers: [new Tensor(batch.layers[0].data.slice(start), LENGTHS[2], HIDDEN)],
      offsets: Int32Array.of(0, LENGTHS[2]),
    }).logits;
    row(alone, 0).forEach((v, j) => assert.ok(Math.abs(v - together.data[2 * 2 + j]) < 1e-5, strategy));
  }
});

test('DWAtt exposes α: one row per token, one column per layer, each row a distribution', () => {
  const layers = 5;
  const batch = syntheticBatch([4, 3], layers, HIDDEN, 3, false);
  const { fused, layerWeights } = fuse('dwatt', layers, batch);
  assert.ok(layerWeights);
  assert.deepEqual([layerWeights.rows, layerWeights.cols], [7, layers]);
  assert.deepEqual([fused.rows, fused.cols], [7, HIDDEN]);
  for (let t = 0; t < 7; t++) {
    const alpha = row(layerWeights, t);
    assert.ok(alpha.every((a) => a > 0));
    assert.ok(Math.abs(alpha.reduce((a, b) => a + b) - 1) < 1e-5);
  }
});

test('ScalarMix starts as an even mix with γ = 1, i.e. the mean of the layers', () => {
  const layers = 4;
  const batch = syntheticBatch([3], layers, HIDDEN, 3, false);
  const { fused, layerWeights, scale } = fuse('scalarmix', layers, batch);
  assert.deepEqual(Array.from(layerWeights!.data), [0.25, 0.25, 0.25, 0.25]);
  assert.deepEqual(Array.from(scale!.data), [1]);
  for (let i = 0; i < fused.size; i++) {
    const mean = batch.layers.reduce((s, z) => s + z.data[i], 0) / layers;
    assert.ok(Math.abs(fused.data[i] - mean) < 1e-6);
  }
});

test('last+mlp is parameter-matched to DWAtt within one unit of width', () => {
  for (const [hiddenSize, numLayers] of [
    [128, 7],
    [768, 13],
    [8, 4],
  ]) {
    const shape = { hiddenSize, numLayers, numLabels: 2 };
    const dwatt = dwattParameterCount(shape);
    const mlp = lastMlpParameterCount(shape);
    const perUnit = 2 * hiddenSize + 3;
    assert.ok(Math.abs(dwatt - mlp) <= perUnit / 2, `hidden ${hiddenSize}: dwatt ${dwatt}, last+mlp ${mlp} (width ${matchedMlpWidth(shape)})`);
    // The formulas agree with the parameters the heads actually create.
    for (const [strategy, count] of [
      ['dwatt', dwatt],
      ['last+mlp', mlp],
    ] as const) {
      const head = createHead('ner', strategy, shape, 0);
      assert.equal(head.parameterCount - head.classifier.weight.size - head.classifier.bias.size, count, strategy);
    }
  }
});

test('every head reports the number of values it trains', () => {
  const shape = { hiddenSize: HIDDEN, numLayers: 3, numLabels: 4 };
  const classifier = HIDDEN * 4 + 4;
  const expected: Record<string, number> = {
    'sentiment/mean': classifier,
    'sentiment/max': classifier,
    'sentiment/cls': classifier,
    'sentiment/last': classifier,
    'sentiment/weighted': classifier + HIDDEN + 1,
    'ner/last': classifier,
    'ner/scalarmix': classifier + 3 + 1,
    'ner/concat': classifier + 3 * HIDDEN * HIDDEN + HIDDEN,
  };
  const tasks: [Task, readonly string[]][] = [
    ['sentiment', POOLING_STRATEGIES],
    ['ner', FUSION_STRATEGIES],
  ];
  for (const [task, strategies] of tasks) {
    for (const strategy of strategies) {
      const head = createHead(task, strategy, shape, 1);
      assert.equal(head.parameterCount, head.parameters.reduce((s, p) => s + p.size, 0));
      const key = `${task}/${strategy}`;
      if (key in expected) assert.equal(head.parameterCount, expected[key], key);
    }
  }
});

test('an unknown strategy is a bad-input error listing the known ones', () => {
  assert.throws(() => createHead('ner', 'avg', { hiddenSize: 4, numLayers: 2, numLabels: 3 }, 1), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'bad-input');
    assert.match(error.message, /"avg".*last, last\+mlp, scalarmix, concat, dwatt/);
    return true;
  });
});
