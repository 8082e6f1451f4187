import type { CsvCell } from '../csv';
import type { LayerResult, LayerSweep } from './layer-sweep';

/** A table of a sweep, worded and formatted for people: a row per layer, a column per strategy. */
export interface SweepTable {
  /** Names the table in file names ("scores", "selectivity", …). */
  id: string;
  caption: string;
  header: string[];
  rows: string[][];
}

/** A layer's name in tables: emb for the embeddings output, else its number. */
export function layerName(layer: number): string {
  return layer === 0 ? 'emb' : String(layer);
}

const fixed = (digits: number) => (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));

/**
 * The sweep's tables: dev score per layer (with the best layer and the expected layer under it), then, when
 * measured, the control task's score, selectivity and the MDL code length and compression.
 */
export function sweepTables(sweep: LayerSweep): SweepTable[] {
  const score = fixed(3);
  const perLayer = (id: string, caption: string, value: (result: LayerResult) => string): SweepTable => ({
    id,
    caption,
    header: ['layer', ...sweep.strategies.map((s) => s.strategy)],
    rows: (sweep.strategies[0]?.layers ?? []).map((first, i) => [layerName(first.layer), ...sweep.strategies.map((s) => value(s.layers[i]))]),
  });
  const scores = perLayer('scores', `Dev ${sweep.metric.label} of a linear probe per layer (C chosen on dev; * best layer)`, (r) => score(r.score));
  for (const [i, row] of scores.rows.entries()) {
    sweep.strategies.forEach((s, c) => {
      if (s.layers[i].layer === s.bestLayer) row[c + 1] += '*';
    });
  }
  scores.rows.push(
    ['best layer', ...sweep.strategies.map((s) => layerName(s.bestLayer))],
    ['expected layer', ...sweep.strategies.map((s) => fixed(2)(s.expectedLayer))],
  );
  const tables = [scores];
  const first = sweep.strategies[0]?.layers[0];
  if (first?.control) {
    const row = sweep.task === 'ner' ? 'word' : 'sentence';
    tables.push(
      perLayer('control', `Control task (Hewitt & Liang): dev accuracy per ${row} on random labels fixed per ${sweep.task === 'ner' ? 'word type' : 'sentence'}, at the task's most accurate C`, (r) =>
        r.control ? `${score(r.control.score)}${r.control.converged ? '' : ' (not converged)'}` : '–',
      ),
      perLayer('selectivity', `Selectivity: task accuracy − control accuracy per ${row} (higher: the probe reads the task from the representation)`, (r) =>
        fixed(3)(r.control?.selectivity),
      ),
    );
  }
  if (first?.mdl) {
    tables.push(
      perLayer('mdl', `MDL online code length in kbits (Voita & Titov; uniform code ${fixed(1)(first.mdl.uniformKbits)} kbits; lower: the labels are easier to extract)`, (r) =>
        fixed(1)(r.mdl?.kbits),
      ),
      perLayer('compression', 'Compression: uniform code length / online code length', (r) => fixed(2)(r.mdl?.compression)),
    );
  }
  return tables;
}

/** Columns of the tidy CSV of sweeps: one row per encoder, strategy and layer, numbers in full precision. */
export const SWEEP_CSV_HEADER = [
  'encoder',
  'task',
  'strategy',
  'layer',
  'metric',
  'score',
  'C',
  'task_accuracy',
  'control_accuracy',
  'selectivity',
  'mdl_kbits',
  'uniform_kbits',
  'compression',
  'best_layer',
  'expected_layer',
] as const;

export function sweepCsvRows(encoder: string, sweep: LayerSweep): CsvCell[][] {
  return sweep.strategies.flatMap((s) =>
    s.layers.map((r) => [
      encoder,
      sweep.task,
      s.strategy,
      r.layer,
      sweep.metric.key,
      r.score,
      r.C,
      r.control?.taskAccuracy,
      r.control?.score,
      r.control?.selectivity,
      r.mdl?.kbits,
      r.mdl?.uniformKbits,
      r.mdl?.compression,
      s.bestLayer,
      s.expectedLayer,
    ]),
  );
}
