import * as path from 'node:path';
import { ProbeLensError } from '../../errors';
import type { Dtype, Family } from '../types';

/**
 * Which ONNX file of a Hugging Face / Optimum export to run, relative to the model folder.
 *
 * Encoders ship `onnx/model.onnx` and `onnx/model_quantized.onnx` (q8: dynamically quantised int8 MatMuls).
 *
 * GPT-2 exports ship some of: `decoder_model*.onnx` (GPT2LMHeadModel without past inputs, output `logits`),
 * `decoder_model_merged*.onnx` and `model*.onnx`. The decoder comes first, as the issue specifies: in current hub
 * exports (Xenova/gpt2 since transformers.js v3) `model.onnx` can be a with-past decoder that cannot be tapped.
 * The decoder's LM head after `ln_f` (nearly half its compute) is pruned from the tapped graph, with `logits` and
 * every other node no tap needs, so it is never run.
 * `model*.onnx` (the base GPT2Model) is the fallback for exports without a decoder file, such as the shared
 * tiny-gpt2's fp32. Whatever file is picked, a graph that wants past key/values is refused with a clear message.
 * `decoder_model_merged` is never used: it wraps the graph in an `If` over cache branches.
 */
export function onnxCandidates(family: Family, dtype: Dtype): string[] {
  const suffix = dtype === 'q8' ? '_quantized' : '';
  const names = family === 'gpt2' ? ['decoder_model', 'model'] : ['model'];
  return names.map((name) => `onnx/${name}${suffix}.onnx`);
}

/** What a path to an .onnx file given directly means: its model folder and dtype. */
export function interpretOnnxPath(file: string): { folder: string; dtype: Dtype } {
  const base = path.basename(file);
  if (/_merged/.test(base)) {
    throw new ProbeLensError(
      `${file} is a merged decoder (an If over past-key-value branches), which cannot be tapped. ` +
        'Give decoder_model.onnx or model.onnx from the same folder, or the model folder itself.',
      'bad-model',
    );
  }
  const match = /^(?:model|decoder_model)(_quantized|_int8|_uint8)?\.onnx$/.exec(base);
  if (!match) {
    throw new ProbeLensError(
      `${file}: Probe Lens runs model.onnx, model_quantized.onnx, decoder_model.onnx or ` +
        'decoder_model_quantized.onnx (fp32 or 8-bit); give one of those or the model folder.',
      'bad-model',
    );
  }
  const dir = path.dirname(file);
  return { folder: path.basename(dir) === 'onnx' ? path.dirname(dir) : dir, dtype: match[1] ? 'q8' : 'fp32' };
}
