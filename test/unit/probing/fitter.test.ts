import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ProbeLensError } from '../../../src/core/errors';
import { fitLinearProbe, identityOffsets, minimizeLbfgs, ProbeKernel, SoftmaxRegression, standardizeSplits, type ProbeSplit } from '../../../src/core/probing';
import { Random } from '../../../src/core/random';
import { accuracy } from '../../../src/core/train/metrics/metrics';

/** Rows from `classes` Gaussian blobs in `dim` dimensions (label = blob), with `noise` spread. */
function blobs(rows: number, dim: number, classes: number, noise: number, seed: number): ProbeSplit {
  const random = new Random(seed);
  const centres = Array.from({ length: classes }, () => Array.from({ length: dim }, () => random.normal()));
  const x = new Float32Array(rows * dim);
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    labels[i] = random.int(classes);
    for (let p = 0; p < dim; p++) x[i * dim + p] = centres[labels[i]][p] + noise * random.normal();
  }
  return { x, rows, cols: dim, labels };
}

const metric = (gold: Int32Array, predicted: Int32Array) => accuracy(gold, predicted);

let kernel: ProbeKernel;
before(async () => (kernel = await ProbeKernel.open({ threads: 1, provider: 'cpu' })));
after(() => kernel.release());

describe('L-BFGS', () => {
  test('finds the minimum of an ill-conditioned quadratic and of the Rosenbrock function', async () => {
    const scales = [1, 10, 100, 1000];
    const x = new Float64Array([3, -2, 1, 5]);
    const quadratic = await minimizeLbfgs(
      (v, g) => scales.reduce((sum, s, i) => ((g[i] = s * (v[i] - i)), sum + 0.5 * s * (v[i] - i) ** 2), 0),
      x,
      { gradientTolerance: 1e-9, maxIterations: 200 },
    );
    assert.ok(quadratic.converged);
    x.forEach((v, i) => assert.ok(Math.abs(v - i) < 1e-8, `x[${i}] = ${v}`));
    const r = new Float64Array([-1.2, 1]);
    const rosenbrock = await minimizeLbfgs(
      (v, g) => {
        g[0] = -2 * (1 - v[0]) - 400 * v[0] * (v[1] - v[0] ** 2);
        g[1] = 200 * (v[1] - v[0] ** 2);
        return (1 - v[0]) ** 2 + 100 * (v[1] - v[0] ** 2) ** 2;
      },
      r,
      { gradientTolerance: 1e-8, maxIterations: 500 },
    );
    assert.ok(rosenbrock.converged, JSON.stringify(rosenbrock));
    assert.ok(Math.abs(r[0] - 1) < 1e-5 && Math.abs(r[1] - 1) < 1e-5, `${r[0]}, ${r[1]}`);
  });

  test('stops at the iteration limit and says it did not converge; a fired signal cancels', async () => {
    const x = new Float64Array([-1.2, 1]);
    const rosenbrock = (v: Float64Array, g: Float64Array) => {
      g[0] = -2 * (1 - v[0]) - 400 * v[0] * (v[1] - v[0] ** 2);
      g[1] = 200 * (v[1] - v[0] ** 2);
      return (1 - v[0]) ** 2 + 100 * (v[1] - v[0] ** 2) ** 2;
    };
    const result = await minimizeLbfgs(rosenbrock, x, { gradientTolerance: 1e-12, maxIterations: 3 });
    assert.equal(result.converged, false);
    assert.equal(result.iterations, 3);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(minimizeLbfgs(rosenbrock, new Float64Array([-1.2, 1]), { gradientTolerance: 1e-12, maxIterations: 10, signal: controller.signal }), /Cancelled/);
  });
});

describe('softmax regression', () => {
  test('its gradient matches central finite differences of its objective', async () => {
    const data = blobs(40, 5, 4, 1, 3);
    const model = new SoftmaxRegression(5, 4, kernel);
    const random = new Random(5);
    for (let i = 0; i < model.parameters.length; i++) model.parameters[i] = 0.3 * random.normal();
    const objective = model.objective(data, 0.5);
    const gradient = new Float64Array(model.parameters.length);
    await objective(model.parameters, gradient);
    const scratch = new Float64Array(model.parameters.length);
    let worst = 0;
    for (let i = 0; i < model.parameters.length; i++) {
      const saved = model.parameters[i];
      model.parameters[i] = saved + 1e-6;
      const up = await objective(model.parameters, scratch);
      model.parameters[i] = saved - 1e-6;
      const down = await objective(model.parameters, scratch);
      model.parameters[i] = saved;
      const numeric = (up - down) / 2e-6;
      worst = Math.max(worst, Math.abs(numeric - gradient[i]) / Math.max(1e-6, Math.abs(numeric) + Math.abs(gradient[i])));
    }
    assert.ok(worst < 1e-5, `worst relative error ${worst}`);
  });

  test('fits to a stationary point, deterministically, and separates separable classes', async () => {
    const data = blobs(300, 6, 3, 0.3, 11);
    const fit = async () => {
      const model = new SoftmaxRegression(6, 3, kernel);
      const result = await model.fit(data, { C: 1, gradientTolerance: 1e-6, maxIterations: 1000 });
      return { model, result };
    };
    const a = await fit();
    const b = await fit();
    assert.ok(a.result.converged);
    assert.deepEqual(a.model.parameters, b.model.parameters);
    const gradient = new Float64Array(a.model.parameters.length);
    await a.model.objective(data, 1)(a.model.parameters, gradient);
    assert.ok(Math.max(...gradient.map(Math.abs)) <= 1e-6);
    assert.equal(accuracy(data.labels, await a.model.predict(data.x, data.rows)), 1);
    const logp = await a.model.logProbabilities(data.x, 2);
    assert.ok(Math.abs(Math.exp(logp[0]) + Math.exp(logp[1]) + Math.exp(logp[2]) - 1) < 1e-12);
  });

  test("with two classes, C is scikit-learn's: w = W₁ − W₀ is the optimum of binary logistic regression at the same C", async () => {
    const data = blobs(200, 4, 2, 1.5, 17);
    const C = 0.05;
    const model = new SoftmaxRegression(4, 2, kernel);
    assert.ok((await model.fit(data, { C, gradientTolerance: 1e-9, maxIterations: 1000 })).converged);
    const w = Array.from({ length: 4 }, (_, p) => model.weight(p, 1) - model.weight(p, 0));
    const b = model.bias(1) - model.bias(0);
    // scikit-learn's binary objective: mean log-loss + ‖w‖² / (2·C·rows). Its gradient vanishes at the optimum.
    const gradient = w.map((wp) => wp / (C * data.rows));
    let biasGradient = 0;
    for (let i = 0; i < data.rows; i++) {
      const x = data.x.subarray(i * 4, i * 4 + 4);
      const residual = 1 / (1 + Math.exp(-(b + w.reduce((s, wp, p) => s + wp * x[p], 0)))) - data.labels[i];
      for (let p = 0; p < 4; p++) gradient[p] += (residual * x[p]) / data.rows;
      biasGradient += residual / data.rows;
    }
    assert.ok(Math.max(...gradient.map(Math.abs), Math.abs(biasGradient)) < 1e-7, `binary gradient ${gradient.join(', ')}, bias ${biasGradient}`);
  });
});

describe('warm starts', () => {
  test('curvature pairs carried to a new C (corrected for the L2 term) reach the same optimum in fewer iterations', async () => {
    const data = blobs(400, 8, 3, 1.5, 21);
    const warm = new SoftmaxRegression(8, 3, kernel);
    await warm.fit(data, { C: 0.01, gradientTolerance: 1e-5, maxIterations: 1000 });
    const start = Float64Array.from(warm.parameters);
    const carried = await warm.fit(data, { C: 10, gradientTolerance: 1e-5, maxIterations: 1000 });
    const cold = new SoftmaxRegression(8, 3, kernel);
    cold.parameters.set(start);
    const fresh = await cold.fit(data, { C: 10, gradientTolerance: 1e-5, maxIterations: 1000 });
    assert.ok(carried.converged && fresh.converged);
    assert.ok(carried.iterations < fresh.iterations, `${carried.iterations} iterations with the pairs, ${fresh.iterations} without`);
    // The same minimum (predictions equal; weights up to the tolerance).
    for (let q = 0; q < 8 * 3; q++) assert.ok(Math.abs(warm.parameters[q] - cold.parameters[q]) < 1e-3, `weight ${q}`);
    assert.deepEqual(await warm.predict(data.x, data.rows), await cold.predict(data.x, data.rows));
  });

  test('a grid started from given parameters leaves each C\'s fit in their place', async () => {
    const [train, dev] = standardizeSplits(blobs(200, 10, 3, 2, 4), blobs(100, 10, 3, 2, 5));
    const starts: Float64Array[] = [];
    const first = await fitLinearProbe(train, dev, { classes: 3, metric, kernel, grid: [0.01, 1], starts });
    assert.equal(starts.length, first.grid.length);
    const again = await fitLinearProbe(train, dev, { classes: 3, metric, kernel, grid: [0.01, 1], starts });
    // Started at their answers, the fits end at once.
    assert.ok(again.grid.every((p) => p.iterations <= 1), JSON.stringify(again.grid));
    assert.equal(again.devScore, first.devScore);
  });
});

describe('the linear probe: C chosen on dev', () => {
  test('picks the C with the best dev score among the grid, strongest first, and records every fit', async () => {
    const [train, dev] = standardizeSplits(blobs(200, 20, 2, 3, 1), blobs(400, 20, 2, 3, 2));
    const probe = await fitLinearProbe(train, dev, { classes: 2, metric, kernel, grid: [10, 0.001, 0.1] });
    assert.deepEqual(
      probe.grid.map((p) => p.C),
      [0.001, 0.1, 10].slice(0, probe.grid.length),
    );
    const best = Math.max(...probe.grid.filter((p) => p.converged).map((p) => p.devScore));
    assert.equal(probe.devScore, best);
    assert.equal(probe.grid.find((p) => p.C === probe.C)!.devScore, best);
    assert.equal(accuracy(dev.labels, await probe.model.predict(dev.x, dev.rows)), probe.devScore, 'the returned model is the chosen one');
  });

  test('the walk stops after gridPatience strengths in a row score below the best (two by default; Infinity fits the whole grid)', async () => {
    const [train, dev] = standardizeSplits(blobs(100, 5, 2, 1, 1), blobs(50, 5, 2, 1, 2));
    const fitted = async (gridPatience?: number) => {
      const scores = [0.9, 0.8, 0.7, 0.6, 0.95];
      const declining = () => scores.shift()!;
      const probe = await fitLinearProbe(train, dev, { classes: 2, metric: declining, kernel, grid: [0.001, 0.01, 0.1, 1, 10], gridPatience });
      return { fitted: probe.grid.map((p) => p.C), C: probe.C };
    };
    assert.deepEqual(await fitted(), { fitted: [0.001, 0.01, 0.1], C: 0.001 });
    assert.deepEqual(await fitted(1), { fitted: [0.001, 0.01], C: 0.001 });
    assert.deepEqual(await fitted(Infinity), { fitted: [0.001, 0.01, 0.1, 1, 10], C: 10 });
  });

  test('a grid that does not converge: the message says so and names the best value reached', async () => {
    const [train, dev] = standardizeSplits(blobs(200, 20, 3, 1, 1), blobs(100, 20, 3, 1, 2));
    await assert.rejects(fitLinearProbe(train, dev, { classes: 3, metric, kernel, grid: [0.1, 1], maxIterations: 2, gradientTolerance: 1e-12 }), (error: unknown) => {
      assert.ok(error instanceof ProbeLensError);
      assert.match(error.message, /did not converge for any regularisation strength of the grid \(C = 0\.1, 1\)/);
      assert.match(error.message, /within 2 iterations/);
      assert.match(error.message, /best value reached was a dev score of \d\.\d{4} at C = (0\.1|1) /);
      return true;
    });
    await assert.rejects(fitLinearProbe(train, dev, { classes: 3, metric, kernel, grid: [0, 1] }), /must hold positive numbers/);
  });

  test('identityOffsets gives one row per example', () => {
    assert.deepEqual([...identityOffsets(3)], [0, 1, 2, 3]);
  });
});
