import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stepsToOwnTarget, stepsToReach, TARGET_FRACTION } from '../../../src/core/experiments/steps-to-target';

const curve = (scores: number[]) => scores.map((devMetric, i) => ({ step: 20 * (i + 1), devMetric }));

test("steps to target: the first evaluation at 90% of the run's best", () => {
  assert.equal(TARGET_FRACTION, 0.9);
  // Best 0.5: the target 0.45 is first reached at the third evaluation (step 60), not at the best (step 100).
  assert.equal(stepsToOwnTarget(curve([0.1, 0.3, 0.45, 0.44, 0.5, 0.49])), 60);
  assert.equal(stepsToOwnTarget(curve([0.6, 0.2])), 20);
  assert.equal(stepsToOwnTarget(curve([0, 0, 0])), null, 'a run that never finds an entity has no target');
});

test('a fixed target may never be reached', () => {
  assert.equal(stepsToReach(curve([0.1, 0.2]), 0.5), null);
  assert.equal(stepsToReach(curve([0.1, 0.5]), 0.5), 40);
});
