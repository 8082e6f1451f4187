import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  add,
  addConstant,
  concatColumns,
  elu,
  gatherRows,
  gelu,
  layerNorm,
  linear,
  matmulTransposed,
  mixTensors,
  Parameter,
  scaleBy,
  segmentMax,
  segmentMean,
  segmentSoftmax,
  segmentWeightedSum,
  softmaxCrossEntropy,
  softmaxRows,
  Tape,
  type Tensor,
} from '../../../src/core/heads/autograd';
import { Random } from '../../../src/core/random';
import { checkGradients } from './gradient-check';

/** Every input is a float64 parameter, so the input-gradient paths the heads never exercise are checked too. */
function input(name: string, rows: number, cols: number, seed: number): Parameter {
  const random = new Random(seed);
  const p = new Parameter(name, new Float64Array(rows * cols).map(() => random.normal()), rows, cols, true);
  return p;
}

/** Reduces any tensor to a scalar with a fixed random projection, so every output entry carries gradient. */
function project(tape: Tape, x: Tensor): Tensor {
  const weights = input('projection', x.cols, 3, 99);
  weights.grad = null; // a constant: gradients are not checked for it
  const labels = Int32Array.from({ length: x.rows }, (_, i) => i % 3);
  return softmaxCrossEntropy(tape, linear(tape, x, weights, null), labels);
}

const offsets = Int32Array.from([0, 2, 3, 7]);

const cases: Record<string, () => { inputs: Parameter[]; run: (tape: Tape) => Tensor }> = {
  linear: () => {
    const x = input('x', 5, 6, 1);
    const w = input('w', 6, 7, 2);
    const b = input('b', 1, 7, 3);
    return { inputs: [x, w, b], run: (tape) => linear(tape, x, w, b) };
  },
  'linear (every block remainder: 9 x 7 → 5)': () => {
    const x = input('x', 9, 7, 1);
    const w = input('w', 7, 5, 2);
    return { inputs: [x, w], run: (tape) => linear(tape, x, w, null) };
  },
  'linear (exact 4 x 4 blocks)': () => {
    const x = input('x', 8, 4, 1);
    const w = input('w', 4, 4, 2);
    const b = input('b', 1, 4, 3);
    return { inputs: [x, w, b], run: (tape) => linear(tape, x, w, b) };
  },
  matmulTransposed: () => {
    const a = input('a', 5, 6, 1);
    const b = input('b', 3, 6, 2);
    return { inputs: [a, b], run: (tape) => matmulTransposed(tape, a, b) };
  },
  add: () => {
    const a = input('a', 4, 3, 1);
    const b = input('b', 4, 3, 2);
    return { inputs: [a, b], run: (tape) => add(tape, a, b) };
  },
  addConstant: () => {
    const a = input('a', 4, 3, 1);
    return { inputs: [a], run: (tape) => addConstant(tape, a, 1) };
  },
  scaleBy: () => {
    const a = input('a', 4, 3, 1);
    const s = input('s', 1, 1, 2);
    return { inputs: [a, s], run: (tape) => scaleBy(tape, a, s) };
  },
  gelu: () => {
    const a = input('a', 4, 5, 1);
    return { inputs: [a], run: (tape) => gelu(tape, a) };
  },
  elu: () => {
    const a = input('a', 4, 5, 1);
    return { inputs: [a], run: (tape) => elu(tape, a) };
  },
  layerNorm: () => {
    const a = input('a', 4, 6, 1);
    const g = input('g', 1, 6, 2);
    const b = input('b', 1, 6, 3);
    return { inputs: [a, g, b], run: (tape) => layerNorm(tape, a, g, b) };
  },
  softmaxRows: () => {
    const a = input('a', 4, 5, 1);
    return { inputs: [a], run: (tape) => softmaxRows(tape, a) };
  },
  segmentMean: () => {
    const a = input('a', 7, 4, 1);
    return { inputs: [a], run: (tape) => segmentMean(tape, a, offsets) };
  },
  segmentMax: () => {
    const a = input('a', 7, 4, 1);
    return { inputs: [a], run: (tape) => segmentMax(tape, a, offsets) };
  },
  segmentSoftmax: () => {
    const a = input('a', 7, 1, 1);
    return { inputs: [a], run: (tape) => segmentSoftmax(tape, a, offsets) };
  },
  segmentWeightedSum: () => {
    const a = input('a', 7, 4, 1);
    const w = input('w', 7, 1, 2);
    return { inputs: [a, w], run: (tape) => segmentWeightedSum(tape, a, w, offsets) };
  },
  gatherRows: () => {
    const a = input('a', 7, 4, 1);
    return { inputs: [a], run: (tape) => gatherRows(tape, a, Int32Array.from([6, 0, 6, 3])) };
  },
  concatColumns: () => {
    const a = input('a', 4, 3, 1);
    const b = input('b', 4, 2, 2);
    return { inputs: [a, b], run: (tape) => concatColumns(tape, [a, b]) };
  },
  'mixTensors (one weight per part)': () => {
    const parts = [input('z0', 4, 3, 1), input('z1', 4, 3, 2), input('z2', 4, 3, 3)];
    const w = input('w', 1, 3, 4);
    return { inputs: [...parts, w], run: (tape) => mixTensors(tape, parts, w) };
  },
  'mixTensors (weights per row)': () => {
    const parts = [input('z0', 4, 3, 1), input('z1', 4, 3, 2)];
    const w = input('w', 4, 2, 4);
    return { inputs: [...parts, w], run: (tape) => mixTensors(tape, parts, w) };
  },
};

for (const [name, make] of Object.entries(cases)) {
  test(`op ${name}: gradients of every input match finite differences`, () => {
    const { inputs, run } = make();
    const report = checkGradients(inputs, (tape) => project(tape, run(tape)), 40);
    assert.ok(report.maxRelativeError < 1e-5, report.worst);
  });
}

test('softmaxCrossEntropy gradient matches finite differences', () => {
  const logits = input('logits', 6, 4, 1);
  const labels = Int32Array.from([0, 3, 1, 1, 2, 0]);
  const report = checkGradients([logits], (tape) => softmaxCrossEntropy(tape, logits, labels), 24);
  assert.ok(report.maxRelativeError < 1e-5, report.worst);
});

test('the same kernels in float32 agree with float64 to float32 precision', () => {
  const x64 = input('x', 5, 6, 1);
  const w64 = input('w', 6, 7, 2);
  const g64 = new Parameter('g', new Float64Array(7).fill(1), 1, 7, false);
  const b64 = new Parameter('b', new Float64Array(7), 1, 7, false);
  const [x32, w32, g32, b32] = [x64, w64, g64, b64].map((p) => new Parameter(p.name, Float32Array.from(p.data), p.rows, p.cols, false));
  const run = (x: Tensor, w: Tensor, g: Tensor, b: Tensor) => {
    const tape = new Tape(false);
    return layerNorm(tape, gelu(tape, linear(tape, x, w, null)), g, b).data;
  };
  const exact = run(x64, w64, g64, b64);
  const single = run(x32, w32, g32, b32);
  assert.ok(single instanceof Float32Array);
  for (let i = 0; i < exact.length; i++) assert.ok(Math.abs(exact[i] - single[i]) < 1e-4, `entry ${i}: ${exact[i]} vs ${single[i]}`);
});

test('the checker itself flags a gradient that is 1% off', () => {
  const x = input('x', 4, 3, 1);
  const report = checkGradients([x], (tape) => {
    const out = addConstant(tape, x, 0);
    // A deliberately wrong backward step: scales the incoming gradient by 1.01.
    tape.record(out, () => out.grad!.forEach((g, i) => (out.grad![i] = g * 1.01)));
    return project(tape, out);
  }, 12);
  assert.ok(report.maxRelativeError > 1e-3, `max relative error ${report.maxRelativeError}`);
});
