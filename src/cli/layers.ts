import { loadEncoder } from '../core/encoders/load-encoder';
import { dtypeOption, textArgument } from './args';
import { UsageError, type Command } from './command';
import { loadOptionsFrom } from './global-options';
import { layersJson, layersJsonFull, layersTable } from './layers-output';

export const layersCommand: Command = {
  name: 'layers',
  summary: 'every layer of an encoder for one text: tokens with offsets and per-layer norms (or all vectors)',
  help: `Usage: probe-lens layers --model <id|dir> [--dtype <dtype>] [--json [--full]] <text | ->

Runs the encoder once and shows every hidden state (0 = embeddings output, then one per block, as
Hugging Face's output_hidden_states): layer count, hidden size, each token with its [start, end) character
span, and the L2 norm of its vector in every layer. Give - as the text to read it from stdin (as is).

Options:
  -m, --model <id|dir>  hub id (e.g. Xenova/bert-base-uncased), model folder, or .onnx file in one
  --dtype <dtype>       fp32 (model.onnx), fp16 (model_fp16), q8 (model_quantized), int8, uint8, q4, q4f16
                        or bnb4; default fp32 when the model has it; a model without the file lists the ones it offers
  --json                print JSON: {model, family, dtype, layers, hiddenStates, hiddenSize, tokens, norms}
  --full                with --json: hidden_states[layer][token][dim] instead of norms`,
  options: {
    model: { type: 'string', short: 'm' },
    dtype: { type: 'string' },
    json: { type: 'boolean' },
    full: { type: 'boolean' },
  },

  async run(args, io) {
    const model = args.values.model;
    if (typeof model !== 'string' || model.trim() === '') throw new UsageError('--model is required.');
    if (args.values.full && !args.values.json) throw new UsageError('--full needs --json.');
    const dtype = dtypeOption(args);
    const text = await textArgument(args, io, 'encode');

    const options = { ...loadOptionsFrom(args), dtype, signal: io.signal, onProgress: io.progress };
    const encoder = await loadEncoder(model, options);
    try {
      const [states] = await encoder.encode([text], { signal: io.signal });
      if (!args.values.json) await io.write(layersTable(encoder.identity, states));
      else if (!args.values.full) await io.write(layersJson(encoder.identity, states));
      else for (const piece of layersJsonFull(encoder.identity, states)) await io.write(piece);
    } finally {
      await encoder.dispose();
    }
  },
};
