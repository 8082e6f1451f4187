import * as path from 'node:path';
import { TINY_LLAMA } from '../test/shared-path';
import { BENCH_MODELS, type BenchModel } from './models';
import { realsizeDir } from './sections/at-size';

/** How much of everything to run: `--quick` proves every measurement still works; the full run is the evidence. */
export interface BenchPlan {
  quick: boolean;
  models: readonly BenchModel[];
  forward: { lengths: number[]; warmup: number; rounds: number };
  throughput: { sentences: number; batchSizes: number[]; rounds: number };
  fitting: { sentences: number; models: readonly BenchModel[]; epochs?: number };
  hover: { tokens: number; warmup: number; repetitions: number };
  /** Steps per round and rounds per shape: small shapes need more work per timing, big ones take minutes. */
  dwatt: { shapes: { tokens: number; layers: number; hidden: number; stepsPerRound: number; rounds: number }[] };
  tuning: { threads: number[]; lengths: number[]; batch: { rows: number; tokens: number }; rounds: number };
  activation: { repetitions: number };
  /** Models at the sizes users run (sections/at-size.ts), and how long to time compare against the stock graph. */
  atSize: { models: { dir: string; label: string }[]; timing: { lengths: number[]; warmup: number; rounds: number } };
}

export function benchPlan(quick: boolean): BenchPlan {
  if (quick) {
    // Both families and both precisions, in two models: the quick run checks that everything still runs.
    const models = BENCH_MODELS.filter((m) => m.label === 'tiny-bert-uncased fp32' || m.label === 'tiny-gpt2 q8');
    return {
      quick,
      models,
      forward: { lengths: [64], warmup: 2, rounds: 3 },
      throughput: { sentences: 32, batchSizes: [8], rounds: 1 },
      fitting: { sentences: 24, models: BENCH_MODELS.slice(0, 1), epochs: 1 },
      hover: { tokens: 100, warmup: 1, repetitions: 5 },
      dwatt: { shapes: [{ tokens: 32, layers: 7, hidden: 32, stepsPerRound: 1, rounds: 2 }] },
      tuning: { threads: [1, 2], lengths: [64], batch: { rows: 8, tokens: 16 }, rounds: 2 },
      activation: { repetitions: 1 },
      atSize: { models: [{ dir: TINY_LLAMA, label: 'tiny-random-llama fp32' }], timing: { lengths: [32], warmup: 1, rounds: 2 } },
    };
  }
  return {
    quick,
    models: BENCH_MODELS,
    forward: { lengths: [64, 256], warmup: 5, rounds: 30 },
    throughput: { sentences: 1000, batchSizes: [1, 4, 8, 16, 32, 64], rounds: 3 },
    // Fitting time depends on the hidden size and layer count, the same (128, 6 + 1) for both tiny models.
    fitting: { sentences: 1000, models: BENCH_MODELS.slice(0, 1) },
    hover: { tokens: 100, warmup: 5, repetitions: 60 },
    dwatt: {
      shapes: [
        { tokens: 512, layers: 7, hidden: 128, stepsPerRound: 5, rounds: 6 },
        // A tfjs-cpu step takes over a minute here.
        { tokens: 512, layers: 13, hidden: 768, stepsPerRound: 1, rounds: 2 },
      ],
    },
    tuning: { threads: [1, 2], lengths: [64, 256], batch: { rows: 32, tokens: 24 }, rounds: 25 },
    activation: { repetitions: 5 },
    atSize: {
      models: [
        { dir: path.join(realsizeDir(), 'llama-smollm-sized'), label: 'SmolLM-shaped Llama fp32' },
        { dir: path.join(realsizeDir(), 'bert-base-sized'), label: 'bert-base-sized fp32' },
      ],
      timing: { lengths: [64, 256], warmup: 2, rounds: 10 },
    },
  };
}
