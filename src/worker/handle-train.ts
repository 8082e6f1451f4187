import { exampleCount } from '../core/data/subset';
import type { TrainingData } from '../core/data/training-data';
import type { Encoder } from '../core/encoders/types';
import { throwIfCancelled } from '../core/errors';
import { probesDirFor } from '../core/probe-set';
import { trainProbes } from '../core/train/train-probes';
import type { RequestContext } from './context';
import { encoderLabel } from '../core/encoder-label';
import type { TrainRequest, TrainResponse } from '../protocol/worker';
import { prepareTasksData } from './task-data';
import { TrainingProgress } from './training-progress';
import { TASK_NAMES } from '../core/task';

/**
 * Trains the requested tasks' probes for every encoder: the data first (downloads and reading fail early,
 * before any model loads), then every encoder (a missing one fails before hours of training), then each
 * (encoder, task) unit. trainProbes writes each probe folder atomically, so cancelling leaves complete probes
 * only; the probe cache is dropped either way, since some probes may have been replaced.
 */
export async function handleTrain(request: TrainRequest, context: RequestContext): Promise<TrainResponse> {
  const { runtime, signal } = context;
  const units = request.encoders.length * request.tasks.length;
  const progress = new TrainingProgress(units, context.progress);
  const response: TrainResponse = { runs: [], downloaded: [], notices: [] };

  const data = await prepareTasksData(request.tasks, request.data, request, context, response, (message) => progress.note(message));

  const encoders: Encoder[] = [];
  for (const spec of request.encoders) {
    const { encoder } = await context.encoders.get(spec, runtime, (message) => progress.note(message), signal);
    encoders.push(encoder);
  }

  try {
    let unit = 0;
    for (const encoder of encoders) {
      const outDir = probesDirFor(runtime.probesRoot, encoder.identity);
      for (const task of request.tasks) {
        throwIfCancelled(signal);
        const { train, dev } = data.get(task) as TrainingData;
        const strategies = request.strategies[task];
        const label = `${encoderLabel(encoder.identity.name)} · ${TASK_NAMES[task]}`;
        progress.startUnit(unit++, label, strategies);
        const result = await trainProbes({
          encoder,
          task,
          train,
          dev,
          strategies,
          outDir,
          cacheDir: runtime.featuresDir,
          seed: request.seed,
          fewShot: request.fewShotSize,
          signal,
          onEvent: (event) => (event.kind === 'notice' ? response.notices.push(`${label}: ${event.message}`) : progress.onEvent(event)),
        });
        response.runs.push({
          encoder: encoder.identity.name,
          task,
          probesDir: outDir,
          examples: exampleCount(train),
          probes: result.probes.map(({ strategy, metrics, parameterCount }) => ({ strategy, metrics, parameterCount })),
        });
      }
    }
  } finally {
    context.probes.invalidate();
  }
  return response;
}
