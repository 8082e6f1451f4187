import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCancelled } from '../../../src/core/errors';
import { createHead } from '../../../src/core/heads/head';
import { type Task } from '../../../src/core/task';
import { accuracy } from '../../../src/core/train/metrics/metrics';
import { gatherLabels, labelOffsets, predictExamples } from '../../../src/core/train/batches';
import { type Split, trainHead, type TrainOptions } from '../../../src/core/train/trainer';
import { Random } from '../../../src/core/random';
import { memoryFeatures } from './memory-features';

const HIDDEN = 6;

/** In-memory features: example i has lengths[i] rows; rows of class 1 sentences lean positive on feature 0. */
function syntheticSplit(task: Task, count: number, seed: number, layers = 1): Split {
  const random = new Random(seed);
  const rowCounts = Int32Array.from({ length: count }, () => 2 + random.int(5));
  const sentenceLabels = Int32Array.from({ length: count }, () => random.int(2));
  const wordLabels = Array.from(rowCounts, (n) => Int32Array.from({ length: n }, () => random.int(3)));
  const data = Array.from(rowCounts, (n, i) => {
    const values = new Float32Array(layers * n * HIDDEN);
    for (let l = 0; l < layers; l++) {
      for (let r = 0; r < n; r++) {
        const o = (l * n + r) * HIDDEN;
        for (let j = 0; j < HIDDEN; j++) values[o + j] = random.normal();
        const signal = task === 'sentiment' ? sentenceLabels[i] * 2 - 1 : wordLabels[i][r] - 1;
        values[o + (task === 'sentiment' ? 0 : l % HIDDEN)] += 1.5 * signal;
      }
    }
    return values;
  });
  const features = memoryFeatures(task === 'sentiment' ? 'sentence-tokens' : 'word-layers', HIDDEN, layers, rowCounts, data);
  return { features, labels: task === 'sentiment' ? sentenceLabels : wordLabels };
}

const options: TrainOptions = {
  learningRate: 0.01,
  weightDecay: 0.01,
  batchSize: 16,
  epochs: 6,
  patience: 3,
  schedule: 'constant',
  seed: 3,
  metric: (gold, predicted) => accuracy(gold, predicted),
};

function weightsOf(head: ReturnType<typeof createHead>): number[][] {
  return head.parameters.map((p) => Array.from(p.data));
}

test('a linear head learns a separable problem and reports progress per step and per epoch', async () => {
  const head = createHead('sentiment', 'mean', { hiddenSize: HIDDEN, numLayers: 2, numLabels: 2 }, 1);
  const events: { step: number; dev?: number }[] = [];
  const result = await trainHead(head, syntheticSplit('sentiment', 200, 1), syntheticSplit('sentiment', 100, 2), {
    ...options,
    onProgress: (p) => events.push({ step: p.step, dev: p.devMetric }),
  });
  assert.ok(result.devMetric > 0.9, `dev accuracy ${result.devMetric}`);
  assert.equal(events.filter((e) => e.dev !== undefined).length, result.epochsRun);
  assert.equal(result.steps, result.epochsRun * Math.ceil(200 / 16));
  assert.ok(result.history[result.history.length - 1].trainLoss < result.history[0].trainLoss);
});

test('a fixed-vector head (classifier only) ends with its standardisation folded into the classifier', async () => {
  const head = createHead('ner', 'last', { hiddenSize: HIDDEN, numLayers: 3, numLabels: 3 }, 1);
  assert.equal(head.fixedVectors, true);
  const train = syntheticSplit('ner', 120, 1, 3);
  const dev = syntheticSplit('ner', 40, 2, 3);
  const result = await trainHead(head, train, dev, options);
  // Scoring the saved form of the head (standardised inputs, folded classifier) reproduces the training-time
  // dev score up to float rounding in the fold.
  const examples = Int32Array.from({ length: 40 }, (_, i) => i);
  const { predicted } = predictExamples(head, dev.features, examples, result.standardizer);
  const after = options.metric(gatherLabels(dev.labels, examples), predicted, labelOffsets(dev.labels, examples));
  assert.ok(Math.abs(after - result.devMetric) < 0.01, `${after} vs ${result.devMetric}`);
  assert.ok(result.devMetric > 0.6, `dev accuracy ${result.devMetric}`);
});

test('the same seed gives bit-identical weights; another seed does not', async () => {
  const train = syntheticSplit('ner', 60, 1, 3);
  const dev = syntheticSplit('ner', 20, 2, 3);
  const shape = { hiddenSize: HIDDEN, numLayers: 3, numLabels: 3 };
  const run = async (seed: number) => {
    const head = createHead('ner', 'dwatt', shape, seed);
    const result = await trainHead(head, train, dev, { ...options, epochs: 2, seed });
    return { weights: weightsOf(head), mean: Array.from(result.standardizer.mean[0]) };
  };
  const a = await run(5);
  const b = await run(5);
  const c = await run(6);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.weights, c.weights);
});

test('early stopping keeps the best epoch and stops after `patience` epochs without progress', async () => {
  const head = createHead('sentiment', 'mean', { hiddenSize: HIDDEN, numLayers: 2, numLabels: 2 }, 1);
  // A dev set whose labels are noise: the score wanders, so training stops early and keeps its best epoch.
  const dev = syntheticSplit('sentiment', 60, 9);
  const noisy = { ...dev, labels: Int32Array.from({ length: 60 }, (_, i) => (i * 7) % 2) };
  const result = await trainHead(head, syntheticSplit('sentiment', 200, 1), noisy, { ...options, epochs: 40, patience: 2 });
  const best = Math.max(...result.history.map((h) => h.devMetric));
  assert.equal(result.devMetric, best);
  assert.equal(result.history[result.bestEpoch - 1].devMetric, best);
  assert.ok(result.epochsRun < 40);
  assert.equal(result.epochsRun - result.bestEpoch, 2);
});

test('cancelling mid-epoch stops at the next step with a cancelled error', async () => {
  const head = createHead('ner', 'concat', { hiddenSize: HIDDEN, numLayers: 3, numLabels: 3 }, 1);
  const controller = new AbortController();
  let steps = 0;
  await assert.rejects(
    trainHead(head, syntheticSplit('ner', 400, 1, 3), syntheticSplit('ner', 20, 2, 3), {
      ...options,
      batchSize: 4,
      signal: controller.signal,
      onProgress: () => {
        steps++;
        if (steps === 30) controller.abort();
      },
    }),
    (error) => isCancelled(error),
  );
  assert.equal(steps, 30);
});

test('an abort fired from elsewhere (a timer) lands while training runs', async () => {
  const head = createHead('ner', 'dwatt', { hiddenSize: HIDDEN, numLayers: 3, numLabels: 3 }, 1);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  const started = Date.now();
  await assert.rejects(
    trainHead(head, syntheticSplit('ner', 400, 1, 3), syntheticSplit('ner', 20, 2, 3), { ...options, epochs: 1000, patience: 1000, signal: controller.signal }),
    (error) => isCancelled(error),
  );
  assert.ok(Date.now() - started < 2000);
});

test('labels that do not fit the head are refused before training', async () => {
  const head = createHead('sentiment', 'mean', { hiddenSize: HIDDEN, numLayers: 2, numLabels: 2 }, 1);
  const train = syntheticSplit('sentiment', 20, 1);
  const bad = { ...train, labels: Int32Array.from({ length: 20 }, () => 2) };
  await assert.rejects(trainHead(head, bad, train, options), /label 2 outside 0\.\.1/);
});
