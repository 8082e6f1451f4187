import * as path from 'node:path';
import type { Dtype } from '../src/core/encoders/types';
import { TINY_BERT, TINY_GPT2 } from '../test/shared-path';

/** One shared tiny encoder at one precision. */
export interface BenchModel {
  /** Folder name under ../shared/models, also the transformers.js model id under its localModelPath. */
  id: string;
  dir: string;
  dtype: Dtype;
  label: string;
}

export const MODELS_ROOT = path.dirname(TINY_BERT);

export const BENCH_MODELS: readonly BenchModel[] = [TINY_BERT, TINY_GPT2].flatMap((dir) =>
  (['fp32', 'q8'] as const).map((dtype) => ({
    id: path.basename(dir),
    dir,
    dtype,
    label: `${path.basename(dir)} ${dtype}`,
  })),
);
