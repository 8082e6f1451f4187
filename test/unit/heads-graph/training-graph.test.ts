import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveRuntime } from '../../../src/core/encoders/session/session-options';
import { softmaxCrossEntropy, Tape } from '../../../src/core/heads/autograd';
import { TrainingSession } from '../../../src/core/heads/graph/training-session';
import { createHead, type Head, type HeadBatch } from '../../../src/core/heads/head';
import { STRATEGIES } from '../../../src/core/heads/registry';
import { AdamW } from '../../../src/core/train/adamw';
import { syntheticBatch, syntheticLabels } from '../heads/synthetic';

const SHAPE = { hiddenSize: 12, numLayers: 4, numLabels: 5 };
const LENGTHS = [3, 1, 6, 2, 4];
const STEPS = 25;
/** Float32 rounding of two summation orders: losses and gradients agree far closer than a wrong gradient would. */
const GRADIENT_TOLERANCE = 2e-5;

/** The batch in the graph's layout: the head's input layers stacked [layers x rows x d], or the one layer. */
function graphBatch(head: Head, batch: HeadBatch, labels: Int32Array) {
  const rows = batch.offsets[batch.offsets.length - 1];
  const input = new Float32Array(batch.layers.length * rows * SHAPE.hiddenSize);
  batch.layers.forEach((layer, l) => input.set(layer.data, l * layer.size));
  return { input: head.strategy.reads === 'all' ? input : input.subarray((batch.layers.length - 1) * rows * SHAPE.hiddenSize), rows, offsets: batch.offsets, labels };
}

function eagerGradients(head: Head, batch: HeadBatch, labels: Int32Array): number {
  for (const p of head.parameters) p.zeroGrad();
  const tape = new Tape();
  const loss = softmaxCrossEntropy(tape, head.forward(tape, batch).logits, labels);
  tape.backward(loss);
  return loss.data[0];
}

/** max |a − b| / (max |a| + 1e-3): differences relative to the array's scale. */
function relativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]));
  }
  return diff / (scale + 1e-3);
}

for (const [task, strategies] of Object.entries(STRATEGIES)) {
  describe(`${task}: training in onnxruntime matches the eager JavaScript oracle`, () => {
    for (const strategy of strategies) {
      test(`${strategy.name}: losses, gradients and weights over ${STEPS} AdamW steps`, async () => {
        const eager = createHead(strategy.task, strategy.name, SHAPE, 3);
        const graph = createHead(strategy.task, strategy.name, SHAPE, 3);
        const session = await TrainingSession.create(graph, resolveRuntime({ threads: 1 }));
        try {
          const options = { learningRate: 3e-3, weightDecay: 0.01 };
          const eagerOptimizer = new AdamW(eager.parameters, options);
          const graphOptimizer = new AdamW(graph.parameters, options);
          const largestGradient = eager.parameters.map(() => 0);
          for (let step = 0; step < STEPS; step++) {
            const batch = syntheticBatch(LENGTHS, eager.inputLayers.length, SHAPE.hiddenSize, 100 + step, false);
            const rows = task === 'ner' ? batch.offsets[LENGTHS.length] : LENGTHS.length;
            const labels = syntheticLabels(rows, SHAPE.numLabels, 200 + step);
            const eagerLoss = eagerGradients(eager, batch, labels);
            const graphLoss = await session.gradients(graphBatch(graph, batch, labels));
            assert.ok(Math.abs(eagerLoss - graphLoss) <= GRADIENT_TOLERANCE * Math.max(1, eagerLoss), `step ${step}: loss ${graphLoss} vs ${eagerLoss}`);
            eager.parameters.forEach((p, i) => {
              const diff = relativeDiff(p.grad!, graph.parameters[i].grad!);
              assert.ok(diff <= GRADIENT_TOLERANCE, `step ${step}: gradient of ${p.name} differs by ${diff.toExponential(2)} (relative)`);
              for (const g of p.grad!) largestGradient[i] = Math.max(largestGradient[i], Math.abs(g));
            });
            eagerOptimizer.step();
            graphOptimizer.step();
          }
          eager.parameters.forEach((p, i) => {
            // A parameter the loss cannot see (weighted pooling's score bias shifts a softmax within each
            // sentence) has rounding noise for a gradient, which AdamW normalises into steps of any sign.
            if (largestGradient[i] < 1e-6) return;
            const diff = relativeDiff(p.data, graph.parameters[i].data);
            assert.ok(diff <= 1e-3, `${p.name} differs by ${diff.toExponential(2)} (relative) after ${STEPS} steps`);
          });
          const batch = syntheticBatch(LENGTHS, eager.inputLayers.length, SHAPE.hiddenSize, 999, false);
          const predicted = await session.predict(graphBatch(graph, batch, new Int32Array(0)));
          const logits = eager.forward(new Tape(false), batch).logits;
          const expected = Int32Array.from({ length: logits.rows }, (_, r) => {
            const row = Array.from(logits.data.subarray(r * logits.cols, (r + 1) * logits.cols));
            return row.indexOf(Math.max(...row));
          });
          assert.deepEqual(predicted, expected);
        } finally {
          await session.release();
        }
      });
    }
  });
}

test('a fixed seed gives identical probes from run to run: the graph gradients are bit-identical, on two threads too', async () => {
  for (const threads of [1, 2]) {
    const runs: Float32Array[][] = [];
    for (let run = 0; run < 2; run++) {
      const head = createHead('ner', 'dwatt', SHAPE, 5);
      const session = await TrainingSession.create(head, resolveRuntime({ threads }));
      const optimizer = new AdamW(head.parameters, { learningRate: 3e-3, weightDecay: 0.01 });
      for (let step = 0; step < 5; step++) {
        const batch = syntheticBatch([40, 33, 61], SHAPE.numLayers, SHAPE.hiddenSize, step, false);
        await session.gradients(graphBatch(head, batch, syntheticLabels(134, SHAPE.numLabels, step)));
        optimizer.step();
      }
      await session.release();
      runs.push(head.parameters.map((p) => Float32Array.from(p.data)));
    }
    assert.deepEqual(runs[0], runs[1], `${threads} thread(s)`);
  }
});
