import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trainingPlan } from '../../../src/core/experiments/schedule';
import { defaultHyperparameters } from '../../../src/core/train/defaults';

const schedule = { minSteps: 300, maxSteps: 1500, evaluateEvery: 20 };

test('small subsets train more epochs to reach the step floor, large ones fewer to stay under the ceiling', () => {
  const defaults = defaultHyperparameters('ner', 'dwatt');
  // 50 sentences: 2 steps per epoch; 300 steps need 150 epochs.
  const small = trainingPlan('ner', 'dwatt', 50, schedule);
  assert.deepEqual([small.epochs, small.plannedSteps], [150, 300]);
  // 1,000 sentences: 32 steps per epoch; the default epochs (960 steps) fit between the bounds.
  const middle = trainingPlan('ner', 'dwatt', 1000, schedule);
  assert.deepEqual([middle.epochs, middle.plannedSteps], [defaults.epochs, defaults.epochs * 32]);
  // 14,041 sentences: 439 steps per epoch; 3 epochs stay under 1,500.
  const large = trainingPlan('ner', 'dwatt', 14041, schedule);
  assert.deepEqual([large.epochs, large.plannedSteps], [3, 1317]);
  // Never less than one epoch, even beyond the ceiling.
  assert.equal(trainingPlan('sentiment', 'mean', 67349, schedule).epochs, 1);
  // Early stopping waits for the floor, or for the whole run when that is shorter.
  assert.deepEqual([small.minSteps, middle.minSteps, large.minSteps], [300, 300, 300]);
  assert.equal(trainingPlan('ner', 'dwatt', 50, { ...schedule, maxSteps: 200 }).minSteps, 200);
  for (const plan of [small, middle, large]) {
    assert.equal(plan.learningRate, defaults.learningRate);
    assert.equal(plan.batchSize, defaults.batchSize);
    assert.equal(plan.evaluateEvery, 20);
  }
});

test('patience in epochs becomes evaluations, never fewer than five', () => {
  const defaults = defaultHyperparameters('ner', 'dwatt');
  assert.equal(trainingPlan('ner', 'dwatt', 50, schedule).patience, 5);
  // 32 steps per epoch × default patience, in evaluations of 20 steps.
  assert.equal(trainingPlan('ner', 'dwatt', 1000, schedule).patience, Math.ceil((defaults.patience * 32) / 20));
});
