import type { Encoder } from '../core/encoders/types';
import { encoderLabel } from '../core/encoder-label';
import { ProbeLensError, throwIfCancelled } from '../core/errors';
import { type SweepEvent, sweepEncoder } from '../core/probing/sweep-encoder';
import { checkTask, labelsOf, taskData } from '../core/train/task-data';
import type { SweepRequest, SweepResponse } from '../protocol/worker';
import type { RequestContext } from './context';
import { prepareTasksData } from './task-data';
import { TASK_NAMES } from '../core/task';

/**
 * Sweeps the layers of every encoder for each task (see sweepEncoder): the data first, as training prepares
 * it, then every encoder, then each (encoder, task) unit. An encoder with one layer is skipped with
 * sweepEncoder's message (nothing to sweep) while the others are swept; when none can be, that message is the
 * request's error. Features of every layer go to the feature cache, so a second sweep reuses them.
 */
export async function handleSweep(request: SweepRequest, context: RequestContext): Promise<SweepResponse> {
  const { runtime, signal } = context;
  const units = request.encoders.length * request.tasks.length;
  let unit = 0;
  const report = (message: string, withinUnit = 0) => context.progress({ message, fraction: (unit + Math.min(1, withinUnit)) / units });
  const response: SweepResponse = { sweeps: [], skipped: [], downloaded: [], notices: [] };
  const data = await prepareTasksData(request.tasks, request.data, request, context, response, (message) => report(message));

  const encoders: Encoder[] = [];
  for (const spec of request.encoders) encoders.push((await context.encoders.get(spec, runtime, (message) => report(message), signal)).encoder);

  let refused: ProbeLensError | undefined;
  for (const encoder of encoders) {
    for (const task of request.tasks) {
      throwIfCancelled(signal);
      const prepared = data.get(task);
      if (!prepared) throw new Error(`no data prepared for ${task}`);
      checkTask(prepared.train, task, 'training');
      checkTask(prepared.dev, task, 'dev');
      const labels = labelsOf(prepared.train);
      const label = `${encoderLabel(encoder.identity.name)} · ${TASK_NAMES[task]}`;
      report(`${label}: preparing`);
      try {
        const sweep = await sweepEncoder({
          encoder,
          task,
          labels,
          train: taskData(prepared.train, labels),
          dev: taskData(prepared.dev, labels),
          seed: request.seed,
          cacheDir: runtime.featuresDir,
          signal,
          onProgress: (event) => report(`${label}: ${describe(event)}`, withinUnit(event)),
        });
        response.sweeps.push({ encoder: encoder.identity.name, task, sweep });
      } catch (error) {
        // sweepEncoder refuses a one-layer encoder before extracting anything: the other encoders go on.
        if (!(error instanceof ProbeLensError && error.code === 'bad-input' && encoder.identity.layers < 2)) throw error;
        refused = error;
        response.skipped.push({ encoder: encoder.identity.name, message: error.message });
        break;
      } finally {
        unit++;
      }
    }
  }
  if (response.sweeps.length === 0 && refused) throw refused;
  return response;
}

/** Features of train, then dev, take the first fifth of a unit; the probes (strategy × layer) the rest. */
function withinUnit(event: SweepEvent): number {
  const share = event.total === 0 ? 1 : event.done / event.total;
  if (event.kind === 'features') return (event.split === 'train' ? 0 : 0.15) + share * (event.split === 'train' ? 0.15 : 0.05);
  return 0.2 + 0.8 * share;
}

function describe(event: SweepEvent): string {
  if (event.kind === 'features') return `features ${Math.round((event.total === 0 ? 1 : event.done / event.total) * 100)}% (${event.split})`;
  return `${event.strategy} probe of layer ${event.layer} (${event.done} of ${event.total})`;
}
