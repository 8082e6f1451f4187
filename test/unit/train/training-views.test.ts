import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveRuntime } from '../../../src/core/encoders/session/session-options';
import type { Parameter } from '../../../src/core/heads/autograd';
import { createHead, type Head } from '../../../src/core/heads/head';
import { POOLING_STRATEGIES } from '../../../src/core/heads/registry';
import { Random } from '../../../src/core/random';
import { AdamW } from '../../../src/core/train/adamw';
import { LogisticRegressionStep } from '../../../src/core/train/views/logistic-regression';
import { accuracy } from '../../../src/core/train/metrics/metrics';
import { PreparedInputs } from '../../../src/core/train/features/prepared-inputs';
import { type Split, trainHead } from '../../../src/core/train/trainer';
import { trainingView } from '../../../src/core/train/views/training-view';
import type { GradientPath } from '../../../src/core/train/views/view';
import { memoryFeatures } from './memory-features';
import { compareWithFiniteDifferences } from '../heads/gradient-check';

const HIDDEN = 13;

/** Sentences of 1–9 token rows, N(0, 1) with an offset, label-dependent on a few features so training moves. */
function sentimentSplit(count: number, numLabels: number, seed: number): Split {
  const random = new Random(seed);
  const rowCounts = Int32Array.from({ length: count }, () => 1 + random.int(9));
  const labels = Int32Array.from({ length: count }, () => random.int(numLabels));
  const data = Array.from(rowCounts, (n, i) => Float32Array.from({ length: n * HIDDEN }, (_, v) => 0.5 + random.normal() + (v % HIDDEN === labels[i] ? 1 : 0)));
  const features = memoryFeatures('sentence-tokens', HIDDEN, 1, rowCounts, data);
  return { features, labels };
}

/** Largest |a − b| over the largest |b| (or 1e-3 when all are tiny). */
function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 1e-3;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

/**
 * The score bias of weighted pooling shifts every score of a sentence alike, which a softmax ignores: its
 * gradient is 0 up to rounding, so AdamW moves it by rounding noise, differently on each path, without any
 * effect on the outputs. Its gradient is compared; its value after AdamW steps is not.
 */
const NOISE_ONLY = 'pooling.score.bias';

for (const numLabels of [2, 3]) {
  for (const strategy of POOLING_STRATEGIES) {
    test(`${strategy} (${numLabels} labels): the graph path's losses, gradients and weights follow the tape's over 25 AdamW steps`, async () => {
      const train = sentimentSplit(90, numLabels, 1);
      const dev = sentimentSplit(30, numLabels, 2);
      const inputs = new PreparedInputs(train, dev);
      const shape = { hiddenSize: HIDDEN, numLayers: 2, numLabels };
      const run = async (path: GradientPath) => {
        const head = createHead('sentiment', strategy, shape, 4);
        return { head, view: await trainingView(head, inputs, train.labels, { path, runtime: resolveRuntime({ threads: 1 }) }), optimizer: new AdamW(head.parameters, { learningRate: 0.01, weightDecay: 0.01 }) };
      };
      const graph = await run('graph');
      const tape = await run('tape');
      const order = new Random(5).shuffle(Array.from(inputs.trainExamples));
      for (let step = 0; step < 25; step++) {
        const examples = order.slice((step * 16) % 80, ((step * 16) % 80) + 16);
        const graphLoss = await graph.view.gradients(examples);
        const tapeLoss = await tape.view.gradients(examples);
        assert.ok(Math.abs(graphLoss - tapeLoss) <= 1e-5 * tapeLoss, `step ${step}: loss ${graphLoss} vs ${tapeLoss}`);
        graph.head.parameters.forEach((p, i) => {
          const q = tape.head.parameters[i];
          assert.ok(relativeDifference(p.grad!, q.grad!) < 1e-4, `step ${step}: ${p.name} gradients ${Array.from(p.grad!)} vs ${Array.from(q.grad!)}`);
        });
        graph.optimizer.step(1 - step / 25);
        tape.optimizer.step(1 - step / 25);
      }
      graph.head.parameters.forEach((p, i) => {
        if (p.name === NOISE_ONLY) return;
        assert.ok(relativeDifference(p.data, tape.head.parameters[i].data) < 1e-4, `${p.name} after 25 steps`);
      });
      assert.deepEqual(await graph.view.devPredictions(), await tape.view.devPredictions());
      await graph.view.finish();
    });
  }
}

for (const path of ['graph', 'tape'] as const) {
  test(`trainHead with gradients '${path}' is deterministic, and both paths keep the same epochs`, async () => {
    const train = sentimentSplit(120, 2, 7);
    const dev = sentimentSplit(40, 2, 8);
    const options = { learningRate: 0.01, weightDecay: 0.01, batchSize: 16, epochs: 6, patience: 3, schedule: 'linear' as const, seed: 3, metric: (g: Int32Array, p: Int32Array) => accuracy(g, p) };
    for (const strategy of ['mean', 'weighted']) {
      const train1 = async (gradients: GradientPath) => {
        const head = createHead('sentiment', strategy, { hiddenSize: HIDDEN, numLayers: 2, numLabels: 2 }, 9);
        const result = await trainHead(head, train, dev, { ...options, gradients });
        return { head, result };
      };
      const a = await train1(path);
      const b = await train1(path);
      assert.deepEqual(a.head.parameters.map((p) => Array.from(p.data)), b.head.parameters.map((p) => Array.from(p.data)));
      const other = await train1(path === 'graph' ? 'tape' : 'graph');
      assert.deepEqual(a.result.evaluations.map((e) => e.devMetric), other.result.evaluations.map((e) => e.devMetric), strategy);
      assert.equal(a.result.bestEpoch, other.result.bestEpoch);
    }
  });
}

/** Central differences of `loss` against the gradients it leaves in `parameters` (float64 parameters), at every entry. */
function finiteDifferenceError(parameters: readonly Parameter[], loss: () => number): number {
  loss();
  const analytic = parameters.map((p) => Float64Array.from(p.grad!));
  const everyEntry = (p: Parameter) => Array.from({ length: p.size }, (_, i) => i);
  return compareWithFiniteDifferences(parameters, analytic, loss, everyEntry).maxRelativeError;
}

function float64Head(strategy: string, numLabels: number): Head {
  const head = createHead('sentiment', strategy, { hiddenSize: HIDDEN, numLayers: 2, numLabels }, 11);
  for (const p of head.parameters) p.setPrecision(true);
  return head;
}

test('the fused logistic regression\'s gradients match finite differences', () => {
  const random = new Random(3);
  const rows = Float32Array.from({ length: 40 * HIDDEN }, () => random.normal());
  const from = Int32Array.of(0, 3, 4, 12, 30);
  const to = Int32Array.of(3, 4, 12, 30, 40);
  for (const numLabels of [2, 3]) {
    const mean = float64Head('mean', numLabels);
    const regression = new LogisticRegressionStep(mean.classifier.weight, mean.classifier.bias);
    const rowLabels = Int32Array.from({ length: 40 }, () => random.int(numLabels));
    const regressionError = finiteDifferenceError(mean.parameters, () => regression.gradients(rows, rowLabels, from, to, 5));
    assert.ok(regressionError < 1e-5, `logistic regression, ${numLabels} labels: ${regressionError}`);
  }
});
