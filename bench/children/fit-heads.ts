/**
 * A child process of the bench: loads one encoder, trains every head of one task on the first N sentences of
 * the shared data (fresh feature cache), then prints one `RESULT {json}` line: extraction and fitting times
 * and the process's peak RSS. Own process, so the peak belongs to this training alone.
 */
import * as path from 'node:path';
import { loadEncoder } from '../../src/core/encoders';
import type { Dtype } from '../../src/core/encoders/types';
import { type Task } from '../../src/core/task';
import { trainProbes } from '../../src/core/train/train-probes';
import { peakRssMb } from '../peak-rss';
import { conll, sst2 } from '../texts';

export interface FitRequest {
  modelDir: string;
  dtype: Dtype;
  task: Task;
  sentences: number;
  /** Overrides the product's default epochs (the quick run trains one). */
  epochs?: number;
  scratchDir: string;
}

export interface FitResult {
  featuresMs: number;
  /** Per head: training and dev scoring. */
  trainMs: Record<string, number>;
  /** Per head: writing the probe folder (fsynced), reported beside the fitting time rather than in it. */
  saveMs: Record<string, number>;
  epochsRun: Record<string, number>;
  maxRssMb: number;
  /** RSS right after the encoder loaded, before any feature was extracted. */
  rssAfterLoadMb: number;
}

async function fit(request: FitRequest): Promise<FitResult> {
  const encoder = await loadEncoder(request.modelDir, { dtype: request.dtype, cacheDir: path.join(request.scratchDir, 'cache'), offline: true });
  const rssAfterLoadMb = process.memoryUsage().rss / 1024 ** 2;
  const train = request.task === 'ner' ? await conll(request.sentences) : await sst2(request.sentences);
  const result = await trainProbes({
    encoder,
    task: request.task,
    train,
    outDir: path.join(request.scratchDir, 'probes'),
    cacheDir: path.join(request.scratchDir, 'features'),
    hyperparameters: request.epochs === undefined ? undefined : { epochs: request.epochs },
  });
  await encoder.dispose();
  return {
    featuresMs: result.featuresMs,
    trainMs: Object.fromEntries(result.probes.map((p) => [p.strategy, p.trainMs])),
    saveMs: Object.fromEntries(result.probes.map((p) => [p.strategy, p.saveMs])),
    epochsRun: Object.fromEntries(result.probes.map((p) => [p.strategy, p.epochsRun])),
    maxRssMb: peakRssMb(),
    rssAfterLoadMb,
  };
}

fit(JSON.parse(process.argv[2]) as FitRequest).then(
  (result) => console.log(`RESULT ${JSON.stringify(result)}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
