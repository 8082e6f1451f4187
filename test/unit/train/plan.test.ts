import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHead } from '../../../src/core/heads/head';
import { STRATEGIES } from '../../../src/core/heads/registry';
import { planHeads } from '../../../src/core/train/plan';

test('a plan counts exactly the parameters the heads create, and memory grows with the batch', () => {
  const shape = { hiddenSize: 16, numLayers: 5, numLabels: 9 };
  for (const [task, strategies] of [['sentiment', STRATEGIES.sentiment], ['ner', STRATEGIES.ner]] as const) {
    const names = strategies.map((s) => s.name);
    const small = planHeads(task, names, shape, 10, Infinity);
    const large = planHeads(task, names, shape, 1000, Infinity);
    small.forEach((plan, i) => {
      assert.equal(plan.parameters, createHead(task, plan.strategy, shape, 0).parameterCount, plan.strategy);
      assert.ok(large[i].bytes > plan.bytes, `${plan.strategy}: more rows need more memory`);
    });
  }
});

test('a head too big for the memory there is is refused before anything runs, with its parameters and needs', () => {
  // A 4096-wide, 32-block decoder: DWAtt's per-layer bottlenecks make it half a billion parameters.
  const shape = { hiddenSize: 4096, numLayers: 33, numLabels: 9 };
  const available = 4 * 1024 ** 3;
  assert.doesNotThrow(() => planHeads('ner', ['last', 'scalarmix'], shape, 512, available));
  assert.throws(
    () => planHeads('ner', ['last', 'dwatt', 'concat'], shape, 512, available),
    (error: Error & { code?: string }) => {
      assert.equal(error.code, 'bad-input');
      assert.match(error.message, /^Not enough memory to train the heads dwatt \([\d,]+ parameters, about [\d.]+ GB\), concat \([\d,]+ parameters, about [\d.]+ GB\)/);
      assert.match(error.message, /32 layers × 4096, batches of up to 512 rows\): 4\.00 GB is available/);
      assert.doesNotMatch(error.message, /last|scalarmix/);
      return true;
    },
  );
});
