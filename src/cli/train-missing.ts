import type { Encoder } from '../core/encoders/types';
import { strategiesFor } from '../core/heads/registry';
import { type Task } from '../core/task';
import { trainProbes } from '../core/train/train-probes';
import type { CliIo } from './command';
import { defaultTrainingData, type DefaultDataOptions, type DefaultTrainingData } from './default-training-data';
import type { FoundProbes } from './encoder-probes';
import { encoderLabel } from './encoder-label';
import { TrainingProgressView } from './progress-bar';
import { itemCount } from './training-files';

/**
 * Training examples (sentences) per task when `compare --train-missing` trains probes, and at most as many
 * dev examples. Chosen so the main job stays near a minute on the shared tiny encoders (both encoders, both
 * tasks, every strategy: about 50 s of CPU on a 2-core machine, most of it the last+mlp and DWAtt NER heads);
 * the scores of such probes are few-shot scores. --few-shot asks for more (training time grows with it).
 */
export const DEFAULT_FEW_SHOT = 100;

const TASKS: readonly Task[] = ['sentiment', 'ner'];

export interface MissingProbesOptions {
  /** Strategies wanted per task (default: all of the task's). */
  strategies: Partial<Record<Task, readonly string[]>>;
  data: Omit<DefaultDataOptions, 'onProgress'>;
  featuresDir: string;
  io: CliIo;
}

/** Reads each task's default data once, however many encoders need it. */
export class DefaultDataProvider {
  private readonly loaded = new Map<Task, Promise<DefaultTrainingData>>();

  constructor(private readonly options: MissingProbesOptions) {}

  get(task: Task): Promise<DefaultTrainingData> {
    let data = this.loaded.get(task);
    if (!data) {
      data = this.read(task);
      this.loaded.set(task, data);
    }
    return data;
  }

  private async read(task: Task): Promise<DefaultTrainingData> {
    const { io } = this.options;
    const onProgress = (message: string) => (io.status ? io.status(message) : io.progress(message));
    const data = await defaultTrainingData(task, { ...this.options.data, onProgress });
    io.status?.('');
    if (data.downloadedLicence) io.note(`Downloaded ${data.title}. Licence: ${data.downloadedLicence}`);
    data.notices.forEach((notice) => io.note(notice));
    return data;
  }
}

/** The strategies of `task` wanted but without a probe among `found`. */
export function missingStrategies(task: Task, found: FoundProbes, wanted: readonly string[] = strategiesFor(task)): string[] {
  const have = new Set(found.probes.filter((probe) => probe.config.task === task).map((probe) => probe.config.strategy));
  return wanted.filter((strategy) => !have.has(strategy));
}

/**
 * Trains the probes `encoder` lacks, into `outDir`, on the default datasets (few-shot). Returns whether it
 * trained anything. Each probe is saved whole as soon as it is trained, so Ctrl-C keeps the finished ones.
 */
export async function trainMissingProbes(
  encoder: Encoder,
  found: FoundProbes,
  outDir: string,
  provider: DefaultDataProvider,
  options: MissingProbesOptions,
): Promise<boolean> {
  const { io } = options;
  let trained = false;
  for (const task of TASKS) {
    const missing = missingStrategies(task, found, options.strategies[task]);
    if (missing.length === 0) continue;
    const data = await provider.get(task);
    const label = `${encoderLabel(encoder.identity.name)} · ${task}`;
    const unit = task === 'ner' ? 'sentences' : 'examples';
    io.note(
      `${label}: training ${missing.join(', ')} on ${itemCount(data.train)} ${data.title} ${unit} ` +
        `(dev ${itemCount(data.dev)}, seed ${options.data.seed}) into ${outDir}`,
    );
    const view = new TrainingProgressView(io, label, task, missing, true);
    try {
      await trainProbes({
        encoder,
        task,
        train: data.train,
        dev: data.dev,
        strategies: missing,
        outDir,
        cacheDir: options.featuresDir,
        seed: options.data.seed,
        limit: options.data.sampleSize,
        signal: options.data.signal,
        onEvent: (event) => view.onEvent(event),
      });
    } finally {
      view.finish();
    }
    trained = true;
  }
  return trained;
}
