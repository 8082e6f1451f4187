import * as path from 'node:path';
import { ProbeLensError } from '../../errors';
import type { Dtype, Family } from '../types';

/**
 * Which ONNX file of a Hugging Face / Optimum export to run, relative to the model folder.
 *
 * Encoders ship `onnx/model.onnx` and `onnx/model_quantized.onnx` (q8: dynamically quantised int8 MatMuls).
 *
 * GPT-2 exports ship some of: `model*.onnx` (the base GPT2Model, output `last_hidden_state` after `ln_f`),
 * `decoder_model*.onnx` (GPT2LMHeadModel without past inputs, output `logits`) and `decoder_model_merged*.onnx`.
 * The base model comes first: it is exactly the module whose `output_hidden_states` we reproduce, and it
 * skips the LM head, which for gpt2 costs about 45% more compute per token and writes 50,257 logits per token
 * (200 MB for one 1,024-token window) that nobody reads. The fp32 and q8 choice then come from the same export.
 * `decoder_model*.onnx` is the fallback for exports that ship only decoders (e.g. Xenova/gpt2); its hidden
 * states are the same tensors (the LM head sits after `ln_f`). `decoder_model_merged` is never used: it wraps
 * the graph in an `If` over cache branches and needs past key/value inputs.
 */
export function onnxCandidates(family: Family, dtype: Dtype): string[] {
  const suffix = dtype === 'q8' ? '_quantized' : '';
  const names = family === 'gpt2' ? ['model', 'decoder_model'] : ['model'];
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
