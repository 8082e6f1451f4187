import { type ClaimInput, combineSigns, comparison, CONFIDENCE, describeDifference, minus, oneSeedNote, pointsBySeed, signed } from './claim-support';
import type { ClaimResult, Comparison } from './types';

/** The DWAtt paper's reported gain over the deeper baseline, in entity F1 points on CoNLL-03. */
export const PAPER_GAIN = { low: 3.68, high: 9.73 };
const BASELINE = 'last+mlp';

/** The fusion paper's claims, judged on these runs. */
export function fusionClaims(input: ClaimInput): ClaimResult[] {
  return [fusionBeatsDeeper(input), dwattOvertakesConcat(input)];
}

function fusionBeatsDeeper(input: ClaimInput): ClaimResult {
  const fewShot = input.sizes.filter((size) => size < input.trainExamples);
  const comparisons: Comparison[] = [];
  for (const encoder of input.encoders) {
    for (const strategy of ['dwatt', 'concat']) {
      for (const size of input.sizes) {
        const fused = pointsBySeed(input, encoder.label, strategy, size);
        const deeper = pointsBySeed(input, encoder.label, BASELINE, size);
        if (!fused || !deeper) continue;
        comparisons.push(comparison(encoder.label, `${strategy} − ${BASELINE} at ${size}`, fused, deeper, CONFIDENCE, fewShot.includes(size)));
      }
    }
  }
  const primary = comparisons.filter((c) => c.primary);
  const ahead = primary.filter((c) => c.sign > 0);
  const inRange = ahead.filter((c) => c.difference.mean >= PAPER_GAIN.low && c.difference.mean <= PAPER_GAIN.high).length;
  const perHead = ['dwatt', 'concat']
    .map((strategy) => ({ strategy, mine: primary.filter((c) => c.label.startsWith(`${strategy} `)) }))
    .filter(({ mine }) => mine.length > 0)
    .map(({ strategy, mine }) => `${strategy}: ${tally(mine)}, mean differences ${range(mine)} F1 points`);
  const summary =
    primary.length === 0
      ? `Needs dwatt or concat and ${BASELINE} runs at a few-shot size (smaller than the ${input.trainExamples} training sentences) for every seed.`
      : `${primary.length} few-shot comparisons (sizes ${fewShot.join(', ')}): ${tally(primary)}. ${perHead.join('; ')}.` +
        `${ahead.length > 0 ? ` ${inRange} of the ${ahead.length} clear gains lie in the paper's +${PAPER_GAIN.low} to +${PAPER_GAIN.high}.` : ''}${oneSeedNote(input.seeds)}`;
  return {
    id: 'fusion-beats-deeper-baseline',
    claim: `DWAtt and Concat beat the parameter-matched deeper last-layer baseline (${BASELINE}) in few-shot NER, by +${PAPER_GAIN.low} to +${PAPER_GAIN.high} entity F1 on CoNLL-03.`,
    verdict: combineSigns(comparisons),
    summary,
    method:
      `Entity F1 (dev) of dwatt and of concat minus ${BASELINE}, per seed (a seed fixes the training subset), with a paired t interval at ` +
      `${CONFIDENCE * 100}% per comparison. Every size below the full training file counts as few-shot; the full file is shown for context. ` +
      `The papers' numbers are for CoNLL-03 with BERT-sized encoders.`,
    comparisons,
  };
}

/** "2 ahead beyond the spread, 1 behind, 3 inconclusive". */
function tally(comparisons: readonly Comparison[]): string {
  const count = (sign: number) => comparisons.filter((c) => c.sign === sign).length;
  return `${count(1)} ahead beyond the spread, ${count(-1)} behind, ${count(0)} inconclusive`;
}

function range(comparisons: readonly Comparison[]): string {
  const means = comparisons.map((c) => c.difference.mean);
  return `${signed(Math.min(...means))} to ${signed(Math.max(...means))}`;
}

function dwattOvertakesConcat(input: ClaimInput): ClaimResult {
  const smallest = input.sizes[0];
  const largest = input.sizes[input.sizes.length - 1];
  const comparisons: Comparison[] = [];
  for (const encoder of input.encoders) {
    const at = (strategy: string, size: number) => pointsBySeed(input, encoder.label, strategy, size);
    const dwattLarge = at('dwatt', largest);
    const concatLarge = at('concat', largest);
    if (!dwattLarge || !concatLarge) continue;
    const gapLarge = minus(dwattLarge, concatLarge);
    comparisons.push(comparison(encoder.label, `dwatt − concat at ${largest}`, dwattLarge, concatLarge, CONFIDENCE, true));
    const dwattSmall = at('dwatt', smallest);
    const concatSmall = at('concat', smallest);
    if (smallest !== largest && dwattSmall && concatSmall) {
      const label = `(dwatt − concat) at ${largest} minus at ${smallest}`;
      comparisons.push(comparison(encoder.label, label, gapLarge, minus(dwattSmall, concatSmall), CONFIDENCE, true));
    }
  }
  const summary =
    comparisons.length === 0
      ? 'Needs dwatt and concat runs for every seed.'
      : `${comparisons.map((c) => `${c.encoder}: ${c.label} ${describeDifference(c)}`).join('; ')}.${oneSeedNote(input.seeds)}`;
  return {
    id: 'dwatt-overtakes-concat',
    claim: 'DWAtt beats Concat as the training data grows.',
    verdict: combineSigns(comparisons),
    summary,
    method:
      `Two paired tests per encoder at ${CONFIDENCE * 100}%: DWAtt minus Concat entity F1 at the largest size (${largest}), and how much that gap grew ` +
      `from the smallest size (${smallest}), per seed (a seed's subsets are nested, so the seed pairs the two sizes).`,
    comparisons,
  };
}
