import * as os from 'node:os';
import * as path from 'node:path';
import type { Dtype } from '../src/core/encoders/types';
import { TINY_BERT, TINY_GPT2 } from '../test/shared-path';

/** One encoder at one precision. */
export interface BenchModel {
  /** Folder name under `root`, also the transformers.js model id under its localModelPath (root). */
  id: string;
  /** The folder holding the model's folder (transformers.js' localModelPath). */
  root: string;
  dir: string;
  dtype: Dtype;
  label: string;
}

const MODELS_ROOT = path.dirname(TINY_BERT);

function benchModel(root: string, id: string, dtype: Dtype): BenchModel {
  return { id, root, dir: path.join(root, id), dtype, label: `${id} ${dtype}` };
}

/** The shared tiny encoders (6 × 128), fp32 and q8: `npm run bench` (scale tiny). */
export const BENCH_MODELS: readonly BenchModel[] = [TINY_BERT, TINY_GPT2].flatMap((dir) =>
  (['fp32', 'q8'] as const).map((dtype) => benchModel(MODELS_ROOT, path.basename(dir), dtype)),
);

/**
 * Where `--scale base` and the at-size section keep the random-weight encoders make_realsize.py writes: outside the
 * repository, reused by every run. $PROBE_LENS_REALSIZE, else $XDG_CACHE_HOME/probe-lens/realsize (~/.cache).
 */
export const REALSIZE_ROOT =
  process.env.PROBE_LENS_REALSIZE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'probe-lens', 'realsize');

/** A random-weight encoder at a size users run, written by ../shared/tools/make_realsize.py. */
export interface RealsizeModel {
  /** Its folder under REALSIZE_ROOT. */
  id: string;
  /** make_realsize.py's name for it. */
  kind: string;
  /** The ONNX file whose presence says the model was written completely. */
  onnx: string;
}

/**
 * The encoders `npm run bench -- --scale base` runs, one line each. A model whose family the product cannot tap
 * yet is reported as not available rather than failing the run (the SmolLM-shaped Llama, until Llama lands).
 */
export const REALSIZE_MODELS: readonly RealsizeModel[] = [
  { id: 'bert-base-sized', kind: 'bert', onnx: 'onnx/model.onnx' },
  { id: 'llama-smollm-sized', kind: 'llama', onnx: 'onnx/model.onnx' },
];

export function realsizeBenchModel(model: RealsizeModel): BenchModel {
  return benchModel(REALSIZE_ROOT, model.id, 'fp32');
}
