import type { CsvCell } from '../core/csv';
import { type EncoderSweep, SWEEP_CSV_HEADER, sweepCsvRows, sweepTables } from '../core/probing';
import { duration, renderTable } from './table';

export interface SweptFiles {
  train: string;
  dev: string;
}

/** The human summary: per encoder, its tables (scores per layer, control, selectivity, MDL). */
export function sweepText(sweeps: readonly { encoder: string; sweep: EncoderSweep }[], labels: readonly string[], files: SweptFiles): string {
  const lines: string[] = [];
  for (const { encoder, sweep } of sweeps) {
    const features = sweep.featuresReused ? 'features reused from the cache' : `features extracted in ${duration(sweep.featuresMs)}`;
    lines.push(
      `${encoder}: ${sweep.task}, ${sweep.layerCount - 1} layers + embeddings; train ${files.train} (${sweep.trainExamples}), dev ${files.dev} (${sweep.devExamples}); ` +
        `labels ${labels.join(', ')}; ${features}; probes fitted in ${duration(sweep.durationMs)}`,
      '',
    );
    for (const table of sweepTables(sweep)) {
      lines.push(`${table.caption}:`, renderTable(table.header.map((header, c) => ({ header, align: c === 0 ? 'left' : 'right' })), table.rows, '  '), '');
    }
  }
  return `${lines.join('\n')}`;
}

/** `sweep --json`: every number, per encoder. */
export function sweepJson(sweeps: readonly { encoder: string; sweep: EncoderSweep }[], labels: readonly string[], files: SweptFiles): string {
  return `${JSON.stringify({ labels, train: files.train, dev: files.dev, sweeps }, null, 2)}\n`;
}

/** `sweep --csv`: one tidy table over every encoder. */
export function sweepCsv(sweeps: readonly { encoder: string; sweep: EncoderSweep }[]): [string[], CsvCell[][]] {
  return [[...SWEEP_CSV_HEADER], sweeps.flatMap(({ encoder, sweep }) => sweepCsvRows(encoder, sweep))];
}
