import { isCausal, isFamily } from '../encoders/model/families';
import { type ClaimInput, combineSigns, comparison, CONFIDENCE, describeAnova, describeDifference, minus, oneSeedNote, pointsBySeed } from './claim-support';
import { repeatedMeasuresAnova, spreadOf } from './statistics';
import type { ClaimResult, Comparison } from './types';

/** The pooling paper's claims, judged on these runs: pooling matters, and differently for BERT and GPT. */
export function poolingClaims(input: ClaimInput, strategies: readonly string[]): ClaimResult[] {
  return [poolingMatters(input, strategies), familiesDiffer(input, strategies)];
}

/** Each strategy's points per seed at one encoder and size, best mean first; strategies missing a seed are left out. */
function ranked(input: ClaimInput, encoder: string, strategies: readonly string[], size: number): { strategy: string; points: number[] }[] {
  return strategies
    .map((strategy) => ({ strategy, points: pointsBySeed(input, encoder, strategy, size) }))
    .filter((s): s is { strategy: string; points: number[] } => s.points !== undefined)
    .sort((a, b) => meanOf(b.points) - meanOf(a.points));
}

function meanOf(values: readonly number[]): number {
  return spreadOf(values).mean;
}

/** The sign an F test gives: the effect is shown when it rejects at 1 − CONFIDENCE. */
function anovaSign(p: number | undefined): 0 | 1 {
  return p !== undefined && p < 1 - CONFIDENCE ? 1 : 0;
}

function poolingMatters(input: ClaimInput, strategies: readonly string[]): ClaimResult {
  const largest = input.sizes[input.sizes.length - 1];
  const comparisons: Comparison[] = [];
  for (const encoder of input.encoders) {
    for (const size of input.sizes) {
      const scored = ranked(input, encoder.label, strategies, size);
      if (scored.length < 2) continue;
      const best = scored[0];
      const worst = scored[scored.length - 1];
      const shown = comparison(encoder.label, `best ${best.strategy} − worst ${worst.strategy} at ${size}`, best.points, worst.points, CONFIDENCE, size === largest);
      const anova = repeatedMeasuresAnova(scored.map((s) => s.points)) ?? undefined;
      comparisons.push({ ...shown, ...(anova ? { anova } : {}), sign: anovaSign(anova?.p) });
    }
  }
  const primary = comparisons.filter((c) => c.primary);
  const summary =
    primary.length === 0
      ? 'Needs at least two pooling strategies with runs for every seed.'
      : `At ${largest} training examples: ${primary.map((c) => `${c.encoder}: ${describeAnova(c)}; ${c.label.replace(/ at \d+$/, '')} ${describeDifference(c)}`).join('. ')}.${oneSeedNote(input.seeds)}`;
  return {
    id: 'pooling-changes-accuracy',
    claim: 'The choice of pooling (mean, max, weighted sum; cls / last-token baselines) changes sentence-sentiment accuracy.',
    verdict: combineSigns(comparisons),
    summary,
    method:
      'For each encoder and training size, a repeated-measures ANOVA of accuracy over the strategies, with seeds as blocks (a seed fixes the ' +
      `training subset every strategy trains on): the effect is shown when p < ${(1 - CONFIDENCE).toFixed(2)}. One test over all strategies, so no ` +
      `pair-by-pair penalty. For scale, the best minus the worst strategy with a paired ${CONFIDENCE * 100}% t interval (picked after the fact, so ` +
      'descriptive). The verdict counts the largest size, where the papers compare; smaller sizes are shown for context.',
    comparisons,
  };
}

/** The GPT family of the paper: causal decoders (GPT-2, Llama, Qwen, ...). */
const isGpt = (family: string) => isFamily(family) && isCausal(family);

function familiesDiffer(input: ClaimInput, strategies: readonly string[]): ClaimResult {
  const claim = 'The effect of the pooling choice differs between the BERT family and the GPT family.';
  const id = 'pooling-differs-by-family';
  const bertLike = input.encoders.filter((e) => !isGpt(e.family));
  const gpt = input.encoders.filter((e) => isGpt(e.family));
  const largest = input.sizes[input.sizes.length - 1];
  const method =
    `At the largest size (${largest}): per seed and strategy, the BERT-family encoder's accuracy minus the GPT-family one's (the same training ` +
    'subset for both); a repeated-measures ANOVA of that difference over the strategies (seeds as blocks) asks whether it depends on the strategy — ' +
    `the interaction of family and pooling; shown when p < ${(1 - CONFIDENCE).toFixed(2)}. For scale, the pair of strategies whose gap changes most ` +
    `between the families, with a paired ${CONFIDENCE * 100}% t interval (picked after the fact, so descriptive).`;
  if (bertLike.length === 0 || gpt.length === 0) {
    return { id, claim, verdict: 'not testable', summary: 'Needs at least one BERT-family and one GPT-family encoder (give both with --model).', method, comparisons: [] };
  }
  const comparisons: Comparison[] = [];
  const bests: string[] = [];
  for (const b of bertLike) {
    for (const g of gpt) {
      const both = strategies
        .map((strategy) => ({ strategy, bert: pointsBySeed(input, b.label, strategy, largest), gpt: pointsBySeed(input, g.label, strategy, largest) }))
        .filter((s): s is { strategy: string; bert: number[]; gpt: number[] } => s.bert !== undefined && s.gpt !== undefined);
      if (both.length < 2) continue;
      let shown: Comparison | undefined;
      for (const [i, first] of both.entries()) {
        for (const second of both.slice(i + 1)) {
          const gapOnBert = minus(first.bert, second.bert);
          const gapOnGpt = minus(first.gpt, second.gpt);
          // Oriented so the mean is ≥ 0: "A − B is larger on <this family>".
          const bertLarger = meanOf(gapOnBert) >= meanOf(gapOnGpt);
          const label = `${first.strategy} − ${second.strategy}: gap on ${bertLarger ? b.label : g.label} minus gap on ${bertLarger ? g.label : b.label}`;
          const candidate = comparison(`${b.label} vs ${g.label}`, label, bertLarger ? gapOnBert : gapOnGpt, bertLarger ? gapOnGpt : gapOnBert, CONFIDENCE, true);
          if (!shown || candidate.difference.mean > shown.difference.mean) shown = candidate;
        }
      }
      const anova = repeatedMeasuresAnova(both.map((s) => minus(s.bert, s.gpt))) ?? undefined;
      comparisons.push({ ...shown!, ...(anova ? { anova } : {}), sign: anovaSign(anova?.p) });
    }
  }
  const bestStrategies = new Set<string>();
  for (const encoder of [...bertLike, ...gpt]) {
    const best = ranked(input, encoder.label, strategies, largest)[0];
    if (!best) continue;
    bestStrategies.add(best.strategy);
    bests.push(`${encoder.label} (${encoder.family}) does best with ${best.strategy} (${meanOf(best.points).toFixed(1)})`);
  }
  if (bestStrategies.size === 1) bests.push(`the best strategy is the same for both families: what differs is how much the others lose`);
  const evidence = comparisons.map((c) => `${c.encoder}: ${describeAnova(c)}; largest change of a gap: ${c.label}, ${describeDifference(c)}`).join('. ');
  const summary = comparisons.length === 0 ? 'No two strategies have runs for every seed on both families.' : `${bests.join('; ')}. ${evidence}.${oneSeedNote(input.seeds)}`;
  return { id, claim, verdict: combineSigns(comparisons), summary, method, comparisons };
}
