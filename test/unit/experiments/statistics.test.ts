import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fSurvival, studentTCdf, studentTQuantile } from '../../../src/core/experiments/distributions';
import { pairedDifference, repeatedMeasuresAnova, signOf, spreadOf } from '../../../src/core/experiments/statistics';

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

test('F survival: the closed form for two numerator degrees of freedom, and the t² = F(1, df) identity', () => {
  // P(F(2, d) ≥ f) = (1 + 2f/d)^(−d/2).
  for (const [f, d] of [[3, 4], [63, 4], [0.5, 10]]) assert.ok(Math.abs(fSurvival(f, 2, d) - (1 + (2 * f) / d) ** (-d / 2)) < 1e-12, `F(2, ${d}) at ${f}`);
  const t = studentTQuantile(0.975, 6);
  assert.ok(Math.abs(fSurvival(t * t, 1, 6) - 0.05) < 1e-9);
  assert.equal(fSurvival(0, 3, 3), 1);
  assert.equal(fSurvival(Infinity, 3, 3), 0);
});

test('repeated-measures ANOVA: strategies as treatments, seeds as blocks', () => {
  // By hand: SS treatment 42 (df 2), SS seeds 14/3, SS error 4/3 (df 4): F = 21 / (1/3) = 63.
  const result = repeatedMeasuresAnova([
    [1, 2, 3],
    [2, 4, 3],
    [6, 7, 8],
  ])!;
  assert.deepEqual([result.df1, result.df2], [2, 4]);
  assert.ok(Math.abs(result.f - 63) < 1e-9, String(result.f));
  assert.ok(Math.abs(result.p - 32.5 ** -2) < 1e-12);
  // A seed effect shared by every strategy is not noise: the same offsets per seed leave no error at all.
  const shifted = repeatedMeasuresAnova([
    [1, 5, 9],
    [2, 6, 10],
  ])!;
  assert.equal(shifted.f, Infinity);
  assert.equal(shifted.p, 0);
  assert.equal(repeatedMeasuresAnova([[1, 2], [1, 2]])!.p, 1, 'identical strategies');
  assert.equal(repeatedMeasuresAnova([[1], [2]]), null, 'one seed: no error term');
  assert.equal(repeatedMeasuresAnova([[1, 2, 3]]), null, 'one strategy');
});
