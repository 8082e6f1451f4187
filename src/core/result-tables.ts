import type { CsvCell } from './csv';
import { layerLean } from './layer-lean';
import type { EncoderResult } from './result';

/** A table of the compare result as CSV cells: numbers in full precision (see toCsv). */
export interface CsvTable {
  header: string[];
  rows: CsvCell[][];
}

/**
 * An encoder's sentiment table: a row per pooling strategy with its label, each label's probability (the
 * labels of the first row name the columns), the margin and the layer it leans on (see layerLean).
 */
export function sentimentCsvTable(encoder: EncoderResult): CsvTable {
  const labels = encoder.sentiment[0]?.probabilities.map((p) => p.label) ?? [];
  return {
    header: ['encoder', 'pooling', 'label', ...labels.map((label) => `p(${label})`), 'margin', 'leans_on_layer'],
    rows: encoder.sentiment.map((row) => [
      encoder.encoder.name,
      row.strategy,
      row.label,
      ...labels.map((label) => row.probabilities.find((p) => p.label === label)?.probability),
      row.margin,
      layerLean(encoder, 'sentiment', row.strategy)?.layer,
    ]),
  };
}

/** How long each encoder took, in milliseconds. */
export function timingsCsvTable(encoders: readonly EncoderResult[]): CsvTable {
  return {
    header: ['encoder', 'load_ms', 'encode_ms', 'heads_ms', 'total_ms'],
    rows: encoders.map(({ encoder, timings: t }) => [encoder.name, t.loadMs, t.encodeMs, t.headsMs, t.loadMs + t.encodeMs + t.headsMs]),
  };
}
