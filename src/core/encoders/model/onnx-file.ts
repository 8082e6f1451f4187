import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ProbeLensError } from '../../errors';
import type { Dtype, Family } from '../types';

/**
 * Which ONNX file of an export to run, relative to the model folder.
 *
 * Optimum / onnx-community exports ship `onnx/model<suffix>.onnx`, one file per dtype (the suffixes below, as
 * transformers.js names them); large ones keep their weights beside it (`model.onnx_data`, `model.onnx.data`).
 *
 * GPT-2 exports ship some of: `decoder_model*.onnx` (GPT2LMHeadModel without past inputs, output `logits`),
 * `decoder_model_merged*.onnx` and `model*.onnx`. The decoder comes first: in current hub exports (Xenova/gpt2
 * since transformers.js v3) `model.onnx` can be a with-past decoder. Decoder LLMs (Llama, Qwen, ...) ship
 * `model*.onnx` with past key/value inputs, which Probe Lens feeds an empty past. The LM head of any decoder is
 * pruned from the tapped graph, so it never runs.
 * `decoder_model_merged` is never used: it wraps the graph in an `If` over cache branches.
 *
 * onnxruntime-genai's model builder writes `model.onnx` (+ `model.onnx.data`) at the folder's top beside
 * genai_config.json, one precision per folder: its dtype is read from the graph.
 */

export const DTYPE_SUFFIXES: Readonly<Record<Dtype, string>> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

export const DTYPES = Object.keys(DTYPE_SUFFIXES) as Dtype[];

export function isDtype(value: unknown): value is Dtype {
  return typeof value === 'string' && Object.hasOwn(DTYPE_SUFFIXES, value);
}

export const GENAI_CONFIG = 'genai_config.json';

export function onnxCandidates(family: Family, dtype: Dtype): string[] {
  const names = family === 'gpt2' ? ['decoder_model', 'model'] : ['model'];
  return names.map((name) => `onnx/${name}${DTYPE_SUFFIXES[dtype]}.onnx`);
}

/** The dtypes whose file is in an Optimum-layout folder, in DTYPES order. */
export function offeredDtypes(folder: string, family: Family): Dtype[] {
  return DTYPES.filter((dtype) => onnxCandidates(family, dtype).some((file) => existsSync(path.join(folder, file))));
}

/** An onnxruntime-genai folder: genai_config.json and the model at the top. */
export function isGenaiFolder(folder: string): boolean {
  return existsSync(path.join(folder, GENAI_CONFIG));
}

const FILE_NAME = new RegExp(
  `^(?:model|decoder_model)(${Object.values(DTYPE_SUFFIXES).filter(Boolean).join('|')})?\\.onnx$`,
);

/**
 * What a path to an .onnx file given directly means: its model folder and dtype (undefined for an
 * onnxruntime-genai folder, whose dtype the graph tells).
 */
export function interpretOnnxPath(file: string): { folder: string; dtype?: Dtype } {
  const base = path.basename(file);
  if (/_merged/.test(base)) {
    throw new ProbeLensError(
      `${file} is a merged decoder (an If over past-key-value branches), which cannot be tapped. ` +
        'Give decoder_model.onnx or model.onnx from the same folder, or the model folder itself.',
      'bad-model',
    );
  }
  const dir = path.dirname(file);
  if (base === 'model.onnx' && isGenaiFolder(dir)) return { folder: dir };
  const match = FILE_NAME.exec(base);
  if (!match) {
    throw new ProbeLensError(
      `${file}: Probe Lens runs model<suffix>.onnx or decoder_model<suffix>.onnx, the suffix naming the dtype ` +
        `(${DTYPES.map((d) => `${d}: "${DTYPE_SUFFIXES[d]}"`).join(', ')}); give one of those or the model folder.`,
      'bad-model',
    );
  }
  const suffix = match[1] ?? '';
  const dtype = DTYPES.find((d) => DTYPE_SUFFIXES[d] === suffix) as Dtype;
  return { folder: path.basename(dir) === 'onnx' ? path.dirname(dir) : dir, dtype };
}
