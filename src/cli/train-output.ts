import type { EncoderIdentity } from '../core/encoders/types';
import { type Task } from '../core/task';
import type { TrainProbesResult } from '../core/train/train-probes';
import { renderTable, score, duration, type Column } from './table';
import { itemCount, type TrainingData } from './training-files';

/** The dev scores shown per task, in column order: [metrics key, column header]. */
export const METRIC_COLUMNS: Readonly<Record<Task, ReadonlyArray<readonly [string, string]>>> = {
  sentiment: [
    ['accuracy', 'accuracy'],
    ['macroF1', 'macro-F1'],
  ],
  ner: [
    ['f1', 'entity F1'],
    ['precision', 'precision'],
    ['recall', 'recall'],
    ['tagAccuracy', 'tag acc.'],
  ],
};

/** A strategy column and the task's score columns, then any extra columns. */
export function metricsTable(task: Task, rows: ReadonlyArray<{ strategy: string; metrics: Record<string, number>; extra?: string[] }>, extra: readonly Column[] = []): string {
  const metricColumns = METRIC_COLUMNS[task];
  const columns: Column[] = [{ header: 'strategy' }, ...metricColumns.map(([, header]) => ({ header, align: 'right' as const })), ...extra];
  return renderTable(
    columns,
    rows.map((row) => [row.strategy, ...metricColumns.map(([key]) => score(row.metrics[key])), ...(row.extra ?? [])]),
  );
}

function describeData(data: TrainingData): string {
  const unit = data.train.task === 'ner' ? 'sentences' : 'examples';
  const dev = data.dev ? `${data.dev.file} (${itemCount(data.dev)} ${unit})` : '10% of the training data, held out';
  return `Train: ${data.train.file} (${itemCount(data.train)} ${unit})\nDev:   ${dev}`;
}

/** The human summary of a training run: data, one row per head with its dev scores, where probes went. */
export function trainTable(identity: EncoderIdentity, result: TrainProbesResult, data: TrainingData, outDir: string): string {
  const table = metricsTable(
    result.task,
    result.probes.map((probe) => ({
      strategy: probe.strategy,
      metrics: probe.metrics,
      extra: [probe.parameterCount.toLocaleString('en-US'), `${probe.bestEpoch}/${probe.epochsRun}`, duration(probe.trainMs)],
    })),
    [{ header: 'parameters', align: 'right' }, { header: 'best epoch', align: 'right' }, { header: 'time', align: 'right' }],
  );
  const features = result.featuresReused ? 'reused from the cache' : `extracted in ${duration(result.featuresMs)}`;
  return [
    `Model: ${identity.name} (${identity.family}, ${identity.layers} layers, hidden ${identity.hiddenSize}, ${identity.dtype})`,
    `Task:  ${result.task}, labels ${result.labels.join(', ')}`,
    describeData(data),
    `Features ${features}.`,
    '',
    `Dev scores per ${result.task === 'sentiment' ? 'pooling' : 'fusion'} strategy:`,
    table,
    '',
    `Probes saved in ${outDir} (one folder per strategy: ${result.task}-<strategy>).`,
    '',
  ].join('\n');
}

/** The machine-readable summary (`train --json`). */
export function trainJson(identity: EncoderIdentity, result: TrainProbesResult, data: TrainingData): string {
  const summary = {
    task: result.task,
    model: identity.name,
    dtype: identity.dtype,
    labels: result.labels,
    train: { file: data.train.file, examples: itemCount(data.train) },
    dev: data.dev ? { file: data.dev.file, examples: itemCount(data.dev) } : { heldOut: true },
    featuresMs: result.featuresMs,
    featuresReused: result.featuresReused,
    probes: result.probes.map(({ strategy, dir, parameterCount, metrics, bestEpoch, epochsRun, trainMs }) => ({
      strategy,
      dir,
      parameterCount,
      metrics,
      bestEpoch,
      epochsRun,
      trainMs,
    })),
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}
