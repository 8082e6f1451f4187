import type { Encoder } from '../core/encoders/types';
import { throwIfCancelled } from '../core/errors';
import { probesDirFor } from '../core/probe-set';
import { trainProbes } from '../core/train/train-probes';
import type { RequestContext } from './context';
import { encoderLabel } from './encoder-label';
import type { TrainRequest, TrainResponse, TrainTask } from './protocol';
import { prepareTrainingData, type PreparedData } from './training-data';
import { TrainingProgress } from './training-progress';

const TASK_NAMES: Record<TrainTask, string> = { sentiment: 'sentiment', ner: 'NER' };

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

  const data = new Map<TrainTask, PreparedData>();
  for (const task of request.tasks) {
    const prepared = await prepareTrainingData(task, request.data[task], {
      cacheDir: runtime.cacheDir,
      offline: runtime.offline,
      fewShotSize: request.fewShotSize,
      seed: request.seed,
      signal,
      onProgress: (message) => progress.note(message),
    });
    data.set(task, prepared);
    response.notices.push(...prepared.notices);
    if (prepared.downloaded) response.downloaded.push(prepared.downloaded);
  }

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
        const { train, dev } = data.get(task) as PreparedData;
        const strategies = request.strategies[task];
        progress.startUnit(unit++, `${encoderLabel(encoder.identity.name)} · ${TASK_NAMES[task]}`, strategies, dev !== undefined);
        const result = await trainProbes({
          encoder,
          task,
          train,
          ...(dev ? { dev } : {}),
          strategies,
          outDir,
          cacheDir: runtime.featuresDir,
          seed: request.seed,
          limit: request.fewShotSize,
          signal,
          onEvent: (event) => (event.kind === 'notice' ? response.notices.push(event.message) : progress.onEvent(event)),
        });
        response.runs.push({
          encoder: encoder.identity.name,
          task,
          probesDir: outDir,
          examples: train.task === 'ner' ? train.sentences.length : train.examples.length,
          probes: result.probes.map(({ strategy, metrics, parameterCount }) => ({ strategy, metrics, parameterCount })),
        });
      }
    }
  } finally {
    context.probes.invalidate();
  }
  return response;
}
