import { encoderLabel } from '../../core/encoder-label';
import type { TrainResponse } from '../../protocol/worker';

const HEADLINE_METRIC = { sentiment: 'accuracy', ner: 'f1' } as const;

/** One line for the notification: how many probes, and each (encoder, task)'s best strategy on dev. */
export function trainingSummary(response: TrainResponse, seconds: number): string {
  const count = response.runs.reduce((sum, run) => sum + run.probes.length, 0);
  const best = response.runs.map((run) => {
    const metric = HEADLINE_METRIC[run.task];
    const top = [...run.probes].sort((a, b) => (b.metrics[metric] ?? 0) - (a.metrics[metric] ?? 0))[0];
    const what = run.task === 'ner' ? 'NER' : 'sentiment';
    return top ? `${encoderLabel(run.encoder)} ${what}: ${top.strategy} ${metric} ${(top.metrics[metric] ?? 0).toFixed(2)}` : '';
  });
  return `Trained ${count} probe${count === 1 ? '' : 's'} in ${Math.round(seconds)} s. Best on dev: ${best.filter(Boolean).join('; ')}.`;
}

/** Every probe's dev metrics, for the log. */
export function trainingReport(response: TrainResponse): string[] {
  const lines: string[] = [];
  for (const run of response.runs) {
    lines.push(`${run.encoder} · ${run.task} (${run.examples} training examples) → ${run.probesDir}`);
    for (const probe of run.probes) {
      const metrics = Object.entries(probe.metrics).map(([name, value]) => `${name} ${value.toFixed(3)}`).join(', ');
      lines.push(`  ${probe.strategy.padEnd(9)} ${String(probe.parameterCount).padStart(9)} parameters  ${metrics}`);
    }
  }
  for (const dataset of response.downloaded) lines.push(`downloaded ${dataset.title}: ${dataset.licence}`);
  for (const notice of response.notices) lines.push(`notice: ${notice}`);
  return lines;
}
