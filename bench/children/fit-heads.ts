/**
 * A child process of the bench: loads one encoder, trains every head of one task on the first N sentences of
 * the shared data (fresh feature cache), then prints one `RESULT {json}` line: extraction and fitting times
 * and the process's peak RSS. Own process, so the peak belongs to this training alone.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadEncoder } from '../../src/core/encoders';
import type { Dtype } from '../../src/core/encoders/types';
import { type Task } from '../../src/core/task';
import { trainProbes } from '../../src/core/train/train-probes';
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

/**
 * This process's peak RSS. On Linux from /proc (VmHWM, which starts afresh at exec); getrusage's maxRSS would
 * not do: it survives exec, so a child forked from a big parent (the bench, after transformers.js and
 * TensorFlow.js) reports the parent's size.
 */
function peakRssMb(): number {
  try {
    const kilobytes = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kilobytes !== undefined) return Number(kilobytes) / 1024;
  } catch {
    // Not Linux: fall back to getrusage, which is right when the parent is small.
  }
  // resourceUsage().maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

fit(JSON.parse(process.argv[2]) as FitRequest).then(
  (result) => console.log(`RESULT ${JSON.stringify(result)}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
