import * as path from 'node:path';
import { TINY_LLAMA } from '../test/shared-path';
import { BENCH_MODELS, REALSIZE_ROOT, type BenchModel } from './models';
import type { StepShape } from './training-step';

/** Which encoders the model sections run: the shared tiny ones, or random-weight ones at the sizes users run. */
export type Scale = 'tiny' | 'base';
export const SCALES: readonly Scale[] = ['tiny', 'base'];

/** How much of everything to run: `--quick` proves every measurement still works; the full run is the evidence. */
export interface BenchPlan {
  quick: boolean;
  scale: Scale;
  models: readonly BenchModel[];
  forward: { lengths: number[]; warmup: number; rounds: number };
  throughput: { sentences: number; batchSizes: number[]; rounds: number };
  /** Sentences per task (train, and at most as many of dev); fitTargetSeconds: every head of both tasks; threads: onnxruntime's (default the product's). */
  fitting: { sentences: number; models: readonly BenchModel[]; epochs?: number; fitTargetSeconds?: number; threads?: number };
  hover: { tokens: number; warmup: number; repetitions: number };
  /**
   * Head training, ours against PyTorch: `seconds` of steps per head, shape and thread count per round (what
   * torch_heads.py times too); `peerLines` stops torch_heads.py after that many of its rates (quick).
   */
  training: { shapes: StepShape[]; heads: string[]; threads: number[]; rounds: number; seconds: number; peerLines?: number };
  tuning: { threads: number[]; lengths: number[]; batch: { rows: number; tokens: number }; rounds: number };
  activation: { repetitions: number };
  /** Models at the sizes users run (sections/at-size.ts), and how long to time compare against the stock graph. */
  atSize: { models: { dir: string; label: string }[]; timing: { lengths: number[]; warmup: number; rounds: number } };
}

const SMALL_STEP: StepShape = { rows: 512, layers: 7, hidden: 128 };
const BASE_STEP: StepShape = { rows: 512, layers: 13, hidden: 768 };

/**
 * The plan for a mode and scale. `realsize`: the encoders --scale base runs (prepared first, see realsize.ts);
 * base scale times the same things on them, with fewer rounds where a bert-base forward takes 10–100 × longer.
 */
export function benchPlan(quick: boolean, scale: Scale, realsize: readonly BenchModel[] = [], fitThreads?: number): BenchPlan {
  const base = scale === 'base';
  if (quick) {
    // Both families and both precisions, in two models: the quick run checks that everything still runs.
    const models = base ? realsize : BENCH_MODELS.filter((m) => m.label === 'tiny-bert-uncased fp32' || m.label === 'tiny-gpt2 q8');
    return {
      quick,
      scale,
      models,
      forward: { lengths: [64], warmup: 2, rounds: 3 },
      throughput: { sentences: 32, batchSizes: [8], rounds: 1 },
      fitting: { sentences: 24, models: models.slice(0, 1), epochs: 1, threads: fitThreads },
      hover: { tokens: 100, warmup: 1, repetitions: 5 },
      // One second of ours, and torch_heads.py's first rate (its 7 × 128 DWAtt, one thread).
      training: { shapes: [SMALL_STEP], heads: ['dwatt'], threads: [1], rounds: 1, seconds: 1, peerLines: 1 },
      tuning: { threads: [1, 2], lengths: [64], batch: { rows: 8, tokens: 16 }, rounds: 2 },
      activation: { repetitions: 1 },
      atSize: { models: [{ dir: TINY_LLAMA, label: 'tiny-random-llama fp32' }], timing: { lengths: [32], warmup: 1, rounds: 2 } },
    };
  }
  return {
    quick,
    scale,
    models: base ? realsize : BENCH_MODELS,
    forward: base ? { lengths: [64, 256], warmup: 3, rounds: 15 } : { lengths: [64, 256], warmup: 5, rounds: 30 },
    throughput: base ? { sentences: 200, batchSizes: [8, 16, 32], rounds: 1 } : { sentences: 1000, batchSizes: [1, 4, 8, 16, 32, 64], rounds: 3 },
    // Fitting time depends on the hidden size and layer count, the same (128, 6 + 1) for both tiny models.
    fitting: { sentences: 1000, threads: fitThreads, ...(base ? { models: realsize, fitTargetSeconds: 600 } : { models: BENCH_MODELS.slice(0, 1) }) },
    hover: { tokens: 100, warmup: 5, repetitions: base ? 30 : 60 },
    training: { shapes: [SMALL_STEP, BASE_STEP], heads: ['dwatt', 'concat'], threads: [1, 2], rounds: 3, seconds: 6 },
    tuning: { threads: [1, 2], lengths: [64, 256], batch: { rows: 32, tokens: 24 }, rounds: base ? 8 : 25 },
    activation: { repetitions: 5 },
    atSize: {
      models: [
        { dir: path.join(REALSIZE_ROOT, 'llama-smollm-sized'), label: 'SmolLM-shaped Llama fp32' },
        { dir: path.join(REALSIZE_ROOT, 'bert-base-sized'), label: 'bert-base-sized fp32' },
      ],
      timing: { lengths: [64, 256], warmup: 2, rounds: 10 },
    },
  };
}
