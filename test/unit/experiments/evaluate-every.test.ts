import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHead } from '../../../src/core/heads/head';
import { Random } from '../../../src/core/random';
import { accuracy } from '../../../src/core/train/metrics/metrics';
import { type Split, trainHead, type TrainOptions } from '../../../src/core/train/trainer';
import { memoryFeatures } from '../train/memory-features';

const HIDDEN = 4;

/** Sentences of 3 token rows each, in memory, whose label shifts feature 0 of every row. */
function split(count: number, seed: number): Split {
  const random = new Random(seed);
  const labels = Int32Array.from({ length: count }, () => random.int(2));
  const data = Array.from(labels, (label) => Float32Array.from({ length: 3 * HIDDEN }, (_, i) => random.normal() + (i % HIDDEN === 0 ? 2 * label - 1 : 0)));
  const rowCounts = new Int32Array(count).fill(3);
  const features = memoryFeatures('sentence-tokens', HIDDEN, 1, rowCounts, data);
  return { features, labels };
}

const options: TrainOptions = {
  learningRate: 0.01,
  weightDecay: 0,
  batchSize: 10,
  epochs: 5,
  patience: 100,
  schedule: 'linear',
  seed: 1,
  metric: (gold, predicted) => accuracy(gold, predicted),
};
const shape = { hiddenSize: HIDDEN, numLayers: 2, numLabels: 2 };

test('without evaluateEvery, dev is scored once per epoch, as before', async () => {
  const result = await trainHead(createHead('sentiment', 'weighted', shape, 1), split(35, 1), split(20, 2), options);
  // 35 examples in batches of 10: 4 steps per epoch.
  assert.deepEqual(result.evaluations.map((e) => [e.step, e.epoch]), [[4, 1], [8, 2], [12, 3], [16, 4], [20, 5]]);
  assert.deepEqual(result.history.map((h) => h.devMetric), result.evaluations.map((e) => e.devMetric));
  assert.equal(result.bestStep, 4 * result.bestEpoch);
});

test('evaluateEvery scores dev every N steps across epochs, and after the last step', async () => {
  const events: number[] = [];
  const result = await trainHead(createHead('sentiment', 'weighted', shape, 1), split(35, 1), split(20, 2), {
    ...options,
    evaluateEvery: 3,
    onProgress: (p) => p.devMetric !== undefined && events.push(p.devMetric),
  });
  assert.deepEqual(result.evaluations.map((e) => e.step), [3, 6, 9, 12, 15, 18, 20]);
  assert.deepEqual(result.evaluations.map((e) => e.epoch), [1, 2, 3, 3, 4, 5, 5]);
  assert.deepEqual(events, result.evaluations.map((e) => e.devMetric));
  const best = result.evaluations.find((e) => e.step === result.bestStep)!;
  assert.equal(best.devMetric, result.devMetric);
  assert.equal(Math.max(...result.evaluations.map((e) => e.devMetric)), result.devMetric);
  // Each epoch's record carries the last score up to its end.
  assert.deepEqual(result.history.map((h) => h.devMetric), [3, 6, 12, 15, 20].map((step) => result.evaluations.find((e) => e.step === step)!.devMetric));
});

test('with evaluateEvery, patience counts evaluations and stops mid-epoch', async () => {
  // A constant metric never improves after the first evaluation: stop after 1 + patience evaluations.
  const result = await trainHead(createHead('sentiment', 'mean', shape, 1), split(35, 1), split(20, 2), {
    ...options,
    evaluateEvery: 3,
    patience: 2,
    metric: () => 0.5,
  });
  assert.deepEqual(result.evaluations.map((e) => e.step), [3, 6, 9]);
  assert.equal(result.steps, 9);
  assert.equal(result.bestStep, 3);
  assert.equal(result.epochsRun, 3);
});

test('minSteps: early stopping waits for the floor, in either mode', async () => {
  const never = { ...options, patience: 2, metric: () => 0.5 };
  const stepped = await trainHead(createHead('sentiment', 'mean', shape, 1), split(35, 1), split(20, 2), { ...never, evaluateEvery: 3, minSteps: 14 });
  // Patience runs out at step 9; the floor holds it to the first evaluation at or past step 14.
  assert.deepEqual(stepped.evaluations.map((e) => e.step), [3, 6, 9, 12, 15]);
  const epochs = await trainHead(createHead('sentiment', 'mean', shape, 1), split(35, 1), split(20, 2), { ...never, minSteps: 14 });
  // 4 steps per epoch: patience alone would stop after epoch 3 (step 12); the floor holds it to epoch 4 (step 16).
  assert.deepEqual(epochs.evaluations.map((e) => e.step), [4, 8, 12, 16]);
  assert.equal(epochs.bestStep, 4);
});
