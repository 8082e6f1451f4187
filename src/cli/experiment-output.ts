import * as path from 'node:path';
import type { ExperimentResults, RunRecord, WrittenOutputs } from '../core/experiments';

/** One line per finished run on stderr, so a long experiment shows where it is (also in a log file). */
export function describeRun(run: RunRecord, done: number, total: number): string {
  const scores = Object.entries(run.metrics)
    .filter(([key]) => key === 'accuracy' || key === 'f1')
    .map(([key, value]) => `${key} ${(100 * value).toFixed(1)}`)
    .join(', ');
  const selection = `selection best ${(100 * run.selection.best).toFixed(1)} at step ${run.selection.bestStep}/${run.selection.steps}`;
  return `[${done}/${total}] ${run.encoder} ${run.strategy} size ${run.size} seed ${run.seed}: ${scores} (${selection}, ${(run.trainMs / 1000).toFixed(1)} s)`;
}

/** What stdout gets at the end: where the outputs are and each claim's verdict. */
export function experimentSummary(results: ExperimentResults, written: WrittenOutputs): string {
  return [
    `Report:  ${written.report}`,
    `Results: ${written.results}`,
    `Charts:  ${written.charts.length} SVG file${written.charts.length === 1 ? '' : 's'} beside them`,
    `Tables:  ${written.tables.length} CSV file${written.tables.length === 1 ? '' : 's'} in ${path.join(path.dirname(written.results), 'tables')}`,
    '',
    'Claims:',
    ...results.claims.map((claim) => `  ${claim.verdict.padEnd(19)} ${claim.claim}`),
    '',
  ].join('\n');
}
