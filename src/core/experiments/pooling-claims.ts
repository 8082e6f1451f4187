import { type ClaimInput, combineSigns, comparison, CONFIDENCE, describeDifference, minus, oneSeedNote, pointsBySeed } from './claim-support';
import { spreadOf } from './statistics';
import type { ClaimResult, Comparison } from './types';

/** The pooling paper's claims, judged on these runs: pooling matters, and differently for BERT and GPT. */
export function poolingClaims(input: ClaimInput, strategies: readonly string[]): ClaimResult[] {
  return [poolingMatters(input, strategies), familiesDiffer(input, strategies)];
}

function pairsOf(strategies: readonly string[]): [string, string][] {
  return strategies.flatMap((a, i) => strategies.slice(i + 1).map((b): [string, string] => [a, b]));
}

/** Bonferroni: the best and worst strategy are picked after seeing the data, among every pair of strategies. */
function familyConfidence(strategies: readonly string[]): number {
  return 1 - (1 - CONFIDENCE) / Math.max(1, pairsOf(strategies).length);
}

function meanOf(values: readonly number[]): number {
  return spreadOf(values).mean;
}

function poolingMatters(input: ClaimInput, strategies: readonly string[]): ClaimResult {
  const largest = input.sizes[input.sizes.length - 1];
  const confidence = familyConfidence(strategies);
  const comparisons: Comparison[] = [];
  for (const encoder of input.encoders) {
    for (const size of input.sizes) {
      const scored = strategies
        .map((strategy) => ({ strategy, points: pointsBySeed(input, encoder.label, strategy, size) }))
        .filter((s): s is { strategy: string; points: number[] } => s.points !== undefined)
        .sort((a, b) => meanOf(b.points) - meanOf(a.points));
      if (scored.length < 2) continue;
      const best = scored[0];
      const worst = scored[scored.length - 1];
      const label = `best ${best.strategy} − worst ${worst.strategy} at ${size}`;
      comparisons.push(comparison(encoder.label, label, best.points, worst.points, confidence, size === largest));
    }
  }
  const verdict = combineSigns(comparisons);
  const primary = comparisons.filter((c) => c.primary);
  const summary =
    primary.length === 0
      ? 'Needs at least two pooling strategies with runs for every seed.'
      : `At ${largest} training examples: ${primary.map((c) => `${c.encoder} ${c.label.replace(/ at \d+$/, '')} ${describeDifference(c)}`).join('; ')}.${oneSeedNote(input.seeds)}`;
  return {
    id: 'pooling-changes-accuracy',
    claim: 'The choice of pooling (mean, max, weighted sum; cls / last-token baselines) changes sentence-sentiment accuracy.',
    verdict,
    summary,
    method:
      `For each encoder and training size, the best and the worst strategy by mean accuracy, compared over the same seeds (paired: a seed fixes the ` +
      `training subset). The interval is a paired t interval at ${pct(confidence)}, Bonferroni-corrected for the ${pairsOf(strategies).length} strategy pairs ` +
      `the extremes are picked from (${pct(CONFIDENCE)} family-wise). The verdict counts the largest size, where the papers compare; smaller sizes are shown for context.`,
    comparisons,
  };
}

const isGpt = (family: string) => family === 'gpt2';

function familiesDiffer(input: ClaimInput, strategies: readonly string[]): ClaimResult {
  const claim = 'Which pooling works best differs between the BERT family and the GPT family.';
  const id = 'pooling-differs-by-family';
  const bertLike = input.encoders.filter((e) => !isGpt(e.family));
  const gpt = input.encoders.filter((e) => isGpt(e.family));
  const largest = input.sizes[input.sizes.length - 1];
  const confidence = familyConfidence(strategies);
  const method =
    `At the largest size (${largest}), for every pair of strategies (A, B): how much more A beats B on the BERT-family encoder than on the GPT-family ` +
    `one, per seed (the same training subset for both encoders), with a paired t interval at ${pct(confidence)} (Bonferroni over the ` +
    `${pairsOf(strategies).length} pairs). Shown: the pair whose gap changes most between the families.`;
  if (bertLike.length === 0 || gpt.length === 0) {
    return { id, claim, verdict: 'not testable', summary: 'Needs at least one BERT-family and one GPT-family encoder (give both with --model).', method, comparisons: [] };
  }
  const comparisons: Comparison[] = [];
  const bests: string[] = [];
  for (const b of bertLike) {
    for (const g of gpt) {
      let chosen: Comparison | undefined;
      for (const [first, second] of pairsOf(strategies)) {
        const points = [b.label, g.label].flatMap((encoder) => [first, second].map((s) => pointsBySeed(input, encoder, s, largest)));
        if (points.some((p) => p === undefined)) continue;
        const [b1, b2, g1, g2] = points as number[][];
        const gapOnBert = minus(b1, b2);
        const gapOnGpt = minus(g1, g2);
        // Oriented so the mean is ≥ 0: "A − B is larger on <this family>".
        const bertLarger = meanOf(gapOnBert) >= meanOf(gapOnGpt);
        const label = `${first} − ${second}: gap on ${bertLarger ? b.label : g.label} minus gap on ${bertLarger ? g.label : b.label}`;
        const candidate = comparison(`${b.label} vs ${g.label}`, label, bertLarger ? gapOnBert : gapOnGpt, bertLarger ? gapOnGpt : gapOnBert, confidence, true);
        if (!chosen || candidate.difference.mean > chosen.difference.mean) chosen = candidate;
      }
      if (chosen) comparisons.push(chosen);
    }
  }
  for (const encoder of [...bertLike, ...gpt]) {
    const ranked = strategies
      .map((s) => ({ s, points: pointsBySeed(input, encoder.label, s, largest) }))
      .filter((x): x is { s: string; points: number[] } => x.points !== undefined)
      .sort((x, y) => meanOf(y.points) - meanOf(x.points));
    if (ranked.length > 0) bests.push(`${encoder.label} (${encoder.family}): best ${ranked[0].s} ${meanOf(ranked[0].points).toFixed(1)}`);
  }
  const strongest = comparisons.map((c) => `${c.label}, ${describeDifference(c)}`).join('; ');
  const summary = comparisons.length === 0 ? 'No strategy pair has runs for every seed on both families.' : `${bests.join('; ')}. Largest change of a gap between families: ${strongest}.${oneSeedNote(input.seeds)}`;
  return { id, claim, verdict: combineSigns(comparisons), summary, method, comparisons };
}

function pct(confidence: number): string {
  return `${Number((confidence * 100).toFixed(2))}%`;
}
