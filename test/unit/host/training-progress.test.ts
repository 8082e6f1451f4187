import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ProgressEvent, TrainingProgress } from '../../../src/worker/training-progress';
import type { WorkerProgress } from '../../../src/worker/protocol';

function unitEvents(strategies: string[], withDev: boolean): ProgressEvent[] {
  const events: ProgressEvent[] = [];
  for (const split of withDev ? (['train', 'dev'] as const) : (['train'] as const)) {
    for (let done = 0; done <= 4; done++) events.push({ kind: 'features', split, done, total: 4 });
  }
  for (const strategy of strategies) {
    for (let epoch = 1; epoch <= 3; epoch++) {
      for (let step = 1; step <= 2; step++) {
        events.push({ kind: 'step', strategy, progress: { epoch, epochs: 5, step, stepsPerEpoch: 2, loss: 1 } });
      }
    }
    events.push({ kind: 'saved', strategy, dir: '/p', metrics: {} });
  }
  return events;
}

test('progress over several units never goes back, stays within 0..1 and ends each unit at its share', () => {
  const seen: WorkerProgress[] = [];
  const progress = new TrainingProgress(2, (p) => seen.push(p));
  const strategies = ['mean', 'weighted'];
  progress.startUnit(0, 'bert · sentiment', strategies, true);
  unitEvents(strategies, true).forEach((e) => progress.onEvent(e));
  assert.equal(seen.at(-1)?.fraction, 0.5, 'the first of two units ends at half');
  progress.startUnit(1, 'gpt2 · sentiment', strategies, false);
  unitEvents(strategies, false).forEach((e) => progress.onEvent(e)); // early stopping: epoch 3 of 5, then saved
  const fractions = seen.map((p) => p.fraction ?? 0);
  assert.equal(fractions.at(-1), 1);
  fractions.forEach((f, i) => {
    assert.ok(f >= 0 && f <= 1, `fraction ${f}`);
    if (i > 0) assert.ok(f >= fractions[i - 1], `went back from ${fractions[i - 1]} to ${f} at "${seen[i].message}"`);
  });
  assert.ok(seen.some((p) => p.message === 'gpt2 · sentiment: features 50% (train)'));
  assert.ok(seen.some((p) => p.message === 'bert · sentiment: weighted head, epoch 2 of at most 5'));
});
