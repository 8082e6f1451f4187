import assert from 'node:assert/strict';
import { test } from 'node:test';
import { softmaxCrossEntropy } from '../../../src/core/heads/autograd';
import { createHead } from '../../../src/core/heads/head';
import { type Task } from '../../../src/core/task';
import { FUSION_STRATEGIES } from '../../../src/core/heads/registry';
import { POOLING_STRATEGIES } from '../../../src/core/heads/registry';
import { checkGradients } from './gradient-check';
import { syntheticBatch, syntheticLabels } from './synthetic';

const HIDDEN = 8;
const LAYERS = 4;
const LABELS = 5;
const LENGTHS = [3, 1, 5, 2];
/** float64 central differences (ε = 1e-5) agree with exact gradients to ~1e-7; a wrong gradient is off by far more. */
const TOLERANCE = 1e-5;

function check(task: Task, strategy: string) {
  const head = createHead(task, strategy, { hiddenSize: HIDDEN, numLayers: LAYERS, numLabels: LABELS }, 11);
  for (const p of head.parameters) p.setPrecision(true);
  const batch = syntheticBatch(LENGTHS, head.inputLayers.length, HIDDEN, 3, true);
  const rows = task === 'ner' ? batch.offsets[LENGTHS.length] : LENGTHS.length;
  const labels = syntheticLabels(rows, LABELS, 5);
  return checkGradients(head.parameters, (tape) => softmaxCrossEntropy(tape, head.forward(tape, batch).logits, labels), 16);
}

for (const strategy of POOLING_STRATEGIES) {
  test(`pooling head "${strategy}": analytic gradients match finite differences`, () => {
    const report = check('sentiment', strategy);
    console.log(`  sentiment/${strategy}: max rel err ${report.maxRelativeError.toExponential(2)} over ${report.checked} entries`);
    assert.ok(report.maxRelativeError < TOLERANCE, report.worst);
  });
}

for (const strategy of FUSION_STRATEGIES) {
  test(`fusion head "${strategy}": analytic gradients match finite differences`, () => {
    const report = check('ner', strategy);
    console.log(`  ner/${strategy}: max rel err ${report.maxRelativeError.toExponential(2)} over ${report.checked} entries`);
    assert.ok(report.maxRelativeError < TOLERANCE, report.worst);
  });
}
