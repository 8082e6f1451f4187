import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pairedDifference, signOf, spreadOf } from '../../../src/core/experiments/statistics';
import { studentTCdf, studentTQuantile } from '../../../src/core/experiments/student-t';

test("Student's t quantiles match the printed tables", () => {
  // Two-sided 95% (and 99%) critical values, e.g. Fisher & Yates' table.
  const table: [number, number, number][] = [
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 4, 2.776],
    [0.975, 10, 2.228],
    [0.975, 30, 2.042],
    [0.995, 5, 4.032],
    [0.95, 3, 2.353],
  ];
  for (const [p, df, expected] of table) assert.ok(Math.abs(studentTQuantile(p, df) - expected) < 5e-4, `t(${p}, ${df}) = ${studentTQuantile(p, df)}`);
  assert.ok(Math.abs(studentTQuantile(0.975, 100000) - 1.96) < 1e-3, 'tends to the normal quantile');
  assert.equal(studentTQuantile(0.025, 4), -studentTQuantile(0.975, 4));
  assert.equal(studentTCdf(0, 7), 0.5);
  // The Cauchy distribution is t with one degree of freedom: P(T ≤ 1) = 3/4.
  assert.ok(Math.abs(studentTCdf(1, 1) - 0.75) < 1e-12);
  assert.throws(() => studentTQuantile(1, 3));
});

test('one value has a mean but no spread: std is null, never 0 or NaN', () => {
  const one = spreadOf([0.8]);
  assert.equal(one.mean, 0.8);
  assert.equal(one.std, null);
  const three = spreadOf([1, 2, 3]);
  assert.equal(three.mean, 2);
  assert.equal(three.std, 1);
});

test('a paired difference gives a t interval around the mean difference', () => {
  // Differences 1, 2, 3: mean 2, std 1, half-width t(0.975, 2) / √3.
  const d = pairedDifference([11, 12, 13], [10, 10, 10]);
  assert.equal(d.mean, 2);
  assert.equal(d.std, 1);
  const half = studentTQuantile(0.975, 2) / Math.sqrt(3);
  assert.ok(Math.abs(d.low! - (2 - half)) < 1e-12 && Math.abs(d.high! - (2 + half)) < 1e-12);
  assert.equal(signOf(d), 0, 'the interval [−0.48, 4.48] covers 0');
  assert.equal(signOf(pairedDifference([11, 11.1, 10.9], [10, 10, 10])), 1);
  assert.equal(signOf(pairedDifference([9, 9.1, 8.9], [10, 10, 10])), -1);
  const single = pairedDifference([5], [3]);
  assert.deepEqual([single.mean, single.std, single.low, single.high, signOf(single)], [2, null, null, null, 0]);
  // A stricter level widens the interval.
  const strict = pairedDifference([11, 11.1, 10.9], [10, 10, 10], 0.995);
  assert.ok(strict.high! - strict.low! > pairedDifference([11, 11.1, 10.9], [10, 10, 10]).high! - pairedDifference([11, 11.1, 10.9], [10, 10, 10]).low!);
});
