import { type Spread, spreadOf } from './statistics';
import type { CellRecord, RunRecord } from './types';

/** The runs of one encoder, strategy and size, in seed order. */
export function runsOf(runs: readonly RunRecord[], encoder: string, strategy: string, size: number): RunRecord[] {
  return runs.filter((r) => r.encoder === encoder && r.strategy === strategy && r.size === size).sort((a, b) => a.seed - b.seed);
}

/** Spread over the runs where `value` is known; null when it is known for none. */
function knownSpread(runs: readonly RunRecord[], value: (run: RunRecord) => number | null): Spread | null {
  const known = runs.map(value).filter((v): v is number => v !== null);
  return known.length === 0 ? null : spreadOf(known);
}

/** One cell per encoder × strategy × size that has runs, in the order given. */
export function summariseCells(
  runs: readonly RunRecord[],
  encoders: readonly { label: string; parameterCounts: Record<string, number> }[],
  strategies: readonly string[],
  sizes: readonly number[],
): CellRecord[] {
  const cells: CellRecord[] = [];
  for (const encoder of encoders) {
    for (const strategy of strategies) {
      for (const size of sizes) {
        const cellRuns = runsOf(runs, encoder.label, strategy, size);
        if (cellRuns.length === 0) continue;
        const metrics = Object.fromEntries(Object.keys(cellRuns[0].metrics).map((key) => [key, spreadOf(cellRuns.map((r) => r.metrics[key]))]));
        const cell: CellRecord = {
          encoder: encoder.label,
          strategy,
          size,
          parameterCount: encoder.parameterCounts[strategy],
          metrics,
          stepsToTarget: knownSpread(cellRuns, (r) => r.stepsToTarget),
          stepsToCommonTarget: knownSpread(cellRuns, (r) => r.stepsToCommonTarget),
        };
        const weights = cellRuns.map((r) => r.layerWeights);
        if (weights.every((w): w is number[] => w !== undefined)) {
          cell.layerWeights = weights[0].map((_, l) => spreadOf(weights.map((w) => w[l])));
        }
        cells.push(cell);
      }
    }
  }
  return cells;
}
