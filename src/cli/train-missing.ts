import { exampleCount } from '../core/data/subset';
import { DEFAULT_DATASET_FOR, prepareTrainingData, type TrainingData } from '../core/data/training-data';
import { encoderLabel } from '../core/encoder-label';
import type { Encoder } from '../core/encoders/types';
import { strategiesFor } from '../core/heads/registry';
import { type Task } from '../core/task';
import { trainProbes } from '../core/train/train-probes';
import type { CliIo } from './command';
import type { FoundProbes } from './encoder-probes';
import { TrainingProgressView } from './progress-bar';

/**
 * Training examples (sentences) per task when `compare --train-missing` trains probes, and at most as many
 * dev examples. Chosen so the main job stays near a minute on the shared tiny encoders (both encoders, both
 * tasks, every strategy: about 50 s of CPU on a 2-core machine, most of it the last+mlp and DWAtt NER heads);
 * the scores of such probes are few-shot scores. --few-shot asks for more (training time grows with it).
 */
export const DEFAULT_FEW_SHOT = 100;

const TASKS: readonly Task[] = ['sentiment', 'ner'];

/** Where the default datasets come from and how they are sampled. */
export interface DefaultDataOptions {
  /** A folder in the layout of the download cache (sst2/train.tsv, ...): used instead of downloading. */
  dataDir?: string;
  /** Probe Lens' cache folder (--cache-dir); downloads go to its datasets/ folder. */
  cacheDir?: string;
  offline: boolean;
  /** Training examples (sentences) sampled, stratified; dev is sampled to the same size when larger. */
  sampleSize: number;
  seed: number;
  signal: AbortSignal;
}

export interface MissingProbesOptions {
  /** Strategies wanted per task (default: all of the task's). */
  strategies: Partial<Record<Task, readonly string[]>>;
  data: DefaultDataOptions;
  featuresDir: string;
  io: CliIo;
}

/** Reads each task's default data once, however many encoders need it. */
export class DefaultDataProvider {
  private readonly loaded = new Map<Task, Promise<TrainingData>>();

  constructor(private readonly options: MissingProbesOptions) {}

  get(task: Task): Promise<TrainingData> {
    let data = this.loaded.get(task);
    if (!data) {
      data = this.read(task);
      this.loaded.set(task, data);
    }
    return data;
  }

  private async read(task: Task): Promise<TrainingData> {
    const { io } = this.options;
    const { dataDir, cacheDir, offline, sampleSize, seed, signal } = this.options.data;
    const source = { kind: 'default' as const, dataset: DEFAULT_DATASET_FOR[task], ...(dataDir !== undefined ? { dataDir } : {}) };
    const data = await prepareTrainingData(task, source, {
      fewShot: sampleSize,
      devSize: sampleSize,
      seed,
      cacheDir,
      offline,
      signal,
      onProgress: (message) => (io.status ? io.status(message) : io.progress(message)),
    });
    io.status?.('');
    if (data.downloaded) io.note(`Downloaded ${data.downloaded.title}. Licence: ${data.downloaded.licence}`);
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
      `${label}: training ${missing.join(', ')} on ${exampleCount(data.train)} ${data.title} ${unit} ` +
        `(dev ${exampleCount(data.dev)}, seed ${options.data.seed}) into ${outDir}`,
    );
    const view = new TrainingProgressView(io, label, task, missing);
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
        fewShot: options.data.sampleSize,
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
