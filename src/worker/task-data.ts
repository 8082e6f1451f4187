import { prepareTrainingData, type TrainingData, type TrainingSource } from '../core/data/training-data';
import type { TrainTask } from '../protocol/worker';
import type { RequestContext } from './context';

/**
 * The data of each task as the editor uses it (training and sweeps alike): train and dev each sampled down to
 * the few-shot size, so work in the editor stays short. Downloads and notices are added to `response`.
 */
export async function prepareTasksData(
  tasks: readonly TrainTask[],
  sources: Record<TrainTask, TrainingSource>,
  sample: { fewShotSize: number; seed: number },
  context: RequestContext,
  response: { downloaded: Array<{ title: string; licence: string }>; notices: string[] },
  note: (message: string) => void,
): Promise<Map<TrainTask, TrainingData>> {
  const data = new Map<TrainTask, TrainingData>();
  for (const task of tasks) {
    const prepared = await prepareTrainingData(task, sources[task], {
      fewShot: sample.fewShotSize,
      devSize: sample.fewShotSize,
      seed: sample.seed,
      cacheDir: context.runtime.cacheDir,
      offline: context.runtime.offline,
      signal: context.signal,
      onProgress: note,
    });
    data.set(task, prepared);
    response.notices.push(...prepared.notices);
    if (prepared.downloaded) response.downloaded.push(prepared.downloaded);
  }
  return data;
}
