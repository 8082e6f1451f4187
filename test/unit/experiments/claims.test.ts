import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineSigns, type ClaimInput } from '../../../src/core/experiments/claim-support';
import { fusionClaims } from '../../../src/core/experiments/fusion-claims';
import { poolingClaims } from '../../../src/core/experiments/pooling-claims';
import type { Comparison, RunRecord } from '../../../src/core/experiments/types';

/** A run with just what the claims read: the metric, by encoder, strategy, size and seed. */
function run(encoder: string, strategy: string, size: number, seed: number, metric: string, value: number): RunRecord {
  return {
    encoder,
    strategy,
    size,
    seed,
    metrics: { [metric]: value },
    selection: { best: value, bestStep: 0, steps: 0, epochs: 0, curve: [] },
    stepsToTarget: null,
    stepsToCommonTarget: null,
    trainMs: 0,
  };
}

/** Seed-to-seed wiggle shared by every strategy of a seed (the subset), plus a little of each run's own. */
const wiggle = [0.01, -0.012, 0.004];

function fusionInput(score: (encoder: string, strategy: string, size: number) => number, seeds = [1, 2, 3], noise = 0.002): ClaimInput {
  const sizes = [50, 500, 14041];
  const runs = ['bert', 'gpt'].flatMap((encoder) =>
    ['last+mlp', 'concat', 'dwatt'].flatMap((strategy, k) =>
      sizes.flatMap((size) => seeds.map((seed) => run(encoder, strategy, size, seed, 'f1', score(encoder, strategy, size) + wiggle[seed - 1] + noise * ((seed * (k + 2)) % 3 - 1)))),
    ),
  );
  return { runs, encoders: [{ label: 'bert', family: 'bert' }, { label: 'gpt', family: 'gpt2' }], sizes, trainExamples: 14041, seeds, metric: 'f1' };
}

test('fusion beating the deeper baseline by 5 points at every few-shot size is supported, with the paper range noted', () => {
  const input = fusionInput((_, strategy) => (strategy === 'last+mlp' ? 0.4 : 0.45));
  const [deeper] = fusionClaims(input);
  assert.equal(deeper.verdict, 'supported');
  // 2 encoders × 2 heads × 2 few-shot sizes count; the full file (14041) is context only.
  assert.equal(deeper.comparisons.filter((c) => c.primary).length, 8);
  assert.equal(deeper.comparisons.filter((c) => !c.primary).length, 4);
  assert.match(deeper.summary, /8 ahead beyond the spread/);
  assert.match(deeper.summary, /8 of the 8 clear gains lie in the paper's \+3\.68 to \+9\.73/);
  assert.match(deeper.summary, /dwatt: 4 ahead beyond the spread, 0 behind, 0 inconclusive, mean differences \+5\.\d to \+5\.\d F1 points; concat: 4 ahead/);
});

test('a difference the seeds do not resolve is inconclusive; a reversed one contradicts', () => {
  // Noise of ±3 points per run against a 1-point difference.
  const noisy = fusionClaims(fusionInput((_, strategy) => (strategy === 'last+mlp' ? 0.4 : 0.41), [1, 2, 3], 0.03))[0];
  assert.equal(noisy.verdict, 'inconclusive');
  const reversed = fusionClaims(fusionInput((_, strategy) => (strategy === 'last+mlp' ? 0.5 : 0.4)))[0];
  assert.equal(reversed.verdict, 'contradicted');
  assert.match(reversed.summary, /0 ahead beyond the spread, 8 behind/);
});

test('DWAtt overtaking Concat needs it ahead at the largest size and the gap growing', () => {
  const growing = fusionInput((_, strategy, size) => (strategy === 'dwatt' ? 0.4 + (size > 1000 ? 0.05 : 0) : 0.4));
  const [, overtakes] = fusionClaims(growing);
  assert.equal(overtakes.verdict, 'supported');
  assert.deepEqual(overtakes.comparisons.map((c) => c.label), [
    'dwatt − concat at 14041',
    '(dwatt − concat) at 14041 minus at 50',
    'dwatt − concat at 14041',
    '(dwatt − concat) at 14041 minus at 50',
  ]);
  // Ahead everywhere by the same margin: ahead at the largest size, but the gap does not grow.
  const constant = fusionClaims(fusionInput((_, strategy) => (strategy === 'dwatt' ? 0.45 : 0.4)))[1];
  assert.equal(constant.verdict, 'partly supported');
});

test('one seed: every verdict is inconclusive and says why', () => {
  const claims = fusionClaims(fusionInput((_, strategy) => (strategy === 'last+mlp' ? 0.3 : 0.5), [1]));
  for (const claim of claims) {
    assert.equal(claim.verdict, 'inconclusive');
    assert.match(claim.summary, /one seed there is no spread/);
    assert.ok(claim.comparisons.every((c) => c.difference.std === null && c.difference.low === null));
  }
});

const POOLING = ['mean', 'max', 'cls', 'last'];

/** ±1 point of run-to-run noise that averages to 0 over the seeds for every strategy: no strategy effect of its own. */
const noise = (strategy: number, seed: number) => 0.01 * (((strategy + seed) % 3) - 1);

function poolingInput(score: (family: string, strategy: string) => number, encoders = [{ label: 'bert', family: 'bert' }, { label: 'gpt', family: 'gpt2' }]): ClaimInput {
  const sizes = [100, 67349];
  const runs = encoders.flatMap((e) =>
    POOLING.flatMap((strategy, k) => sizes.flatMap((size) => [1, 2, 3].map((seed) => run(e.label, strategy, size, seed, 'accuracy', score(e.family, strategy) + wiggle[seed - 1] + noise(k, seed))))),
  );
  return { runs, encoders, sizes, trainExamples: 67349, seeds: [1, 2, 3], metric: 'accuracy' };
}

test('pooling: a clear gap between strategies supports "pooling matters"; a swapped best strategy supports the family claim', () => {
  // BERT does best with cls, GPT with last; each is 10 points ahead of the rest on its own family.
  const claims = poolingClaims(poolingInput((family, strategy) => 0.7 + ((family === 'gpt2' ? strategy === 'last' : strategy === 'cls') ? 0.1 : 0)), POOLING);
  assert.deepEqual(claims.map((c) => c.verdict), ['supported', 'supported']);
  // One F test over the 4 strategies (seeds as blocks): df (3, 6).
  const anova = claims[0].comparisons.find((c) => c.primary)!.anova!;
  assert.deepEqual([anova.df1, anova.df2], [3, 6]);
  assert.ok(anova.p < 0.001);
  assert.match(claims[1].summary, /bert \(bert\) does best with cls \(8\d\.\d\); gpt \(gpt2\) does best with last \(8\d\.\d\)/);
  assert.match(claims[1].comparisons[0].label, /^(cls − last|last − cls)/);
  assert.ok(claims[0].comparisons.some((c) => !c.primary), 'smaller sizes are context');
});

test('pooling: identical strategies are inconclusive; without a GPT-family encoder the family claim is not testable', () => {
  const flat = poolingClaims(poolingInput(() => 0.7), POOLING);
  assert.deepEqual(flat.map((c) => c.verdict), ['inconclusive', 'inconclusive']);
  // The same ranking on both families: pooling matters, but not differently.
  const parallel = poolingClaims(poolingInput((_, strategy) => (strategy === 'mean' ? 0.8 : 0.7)), POOLING);
  assert.deepEqual(parallel.map((c) => c.verdict), ['supported', 'inconclusive']);
  const bertOnly = poolingClaims(poolingInput(() => 0.7, [{ label: 'bert', family: 'bert' }]), POOLING);
  assert.equal(bertOnly[1].verdict, 'not testable');
  assert.match(bertOnly[1].summary, /GPT-family/);
});

test('verdicts from signs', () => {
  const c = (sign: -1 | 0 | 1, primary = true) => ({ sign, primary }) as Comparison;
  assert.equal(combineSigns([]), 'not testable');
  assert.equal(combineSigns([c(1), c(1), c(-1, false)]), 'supported');
  assert.equal(combineSigns([c(1), c(0)]), 'partly supported');
  assert.equal(combineSigns([c(-1), c(-1)]), 'contradicted');
  assert.equal(combineSigns([c(-1), c(0)]), 'partly contradicted');
  assert.equal(combineSigns([c(1), c(-1)]), 'mixed');
  assert.equal(combineSigns([c(0), c(0)]), 'inconclusive');
});
