import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Parameter } from '../../../src/core/heads/autograd';
import { AdamW } from '../../../src/core/train/adamw';

test('the first step moves each weight by lr·sign(grad), plus decoupled decay on decayed parameters only', () => {
  const weight = new Parameter('w', Float32Array.of(1, -2), 1, 2, true);
  const bias = new Parameter('b', Float32Array.of(3), 1, 1, false);
  weight.grad!.set([0.5, -4]);
  bias.grad!.set([2]);
  const lr = 0.1;
  const decay = 0.5;
  new AdamW([weight, bias], { learningRate: lr, weightDecay: decay, epsilon: 0 }).step();
  // Bias-corrected first step: m̂ = g, v̂ = g², so the update is lr·g/|g|.
  assert.ok(Math.abs(weight.data[0] - (1 * (1 - lr * decay) - lr)) < 1e-6);
  assert.ok(Math.abs(weight.data[1] - (-2 * (1 - lr * decay) + lr)) < 1e-6);
  assert.ok(Math.abs(bias.data[0] - (3 - lr)) < 1e-6);
});

test('steps follow the Adam moment recursions', () => {
  const p = new Parameter('p', Float64Array.of(0), 1, 1, false);
  const optimizer = new AdamW([p], { learningRate: 0.01, weightDecay: 0 });
  const grads = [1, -0.5, 2];
  let m = 0;
  let v = 0;
  let expected = 0;
  grads.forEach((g, i) => {
    p.grad![0] = g;
    optimizer.step();
    m = 0.9 * m + 0.1 * g;
    v = 0.999 * v + 0.001 * g * g;
    const mHat = m / (1 - 0.9 ** (i + 1));
    const vHat = v / (1 - 0.999 ** (i + 1));
    expected -= (0.01 * mHat) / (Math.sqrt(vHat) + 1e-8);
    assert.ok(Math.abs(p.data[0] - expected) < 1e-12, `step ${i + 1}: ${p.data[0]} vs ${expected}`);
  });
});
