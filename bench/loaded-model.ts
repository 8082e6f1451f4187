import * as path from 'node:path';
import { loadEncoder } from '../src/core/encoders';
import { tapCacheDir } from '../src/core/encoders/model/cache-dir';
import { resolveModel } from '../src/core/encoders/model/resolve';
import { resolveRuntime, sessionOptions } from '../src/core/encoders/session/session-options';
import { TappedSession } from '../src/core/encoders/session/tapped-session';
import { tappedModelFile } from '../src/core/encoders/taps/tap-cache';
import type { Encoder } from '../src/core/encoders/types';
import type { BenchModel } from './models';
import { RawSession } from './raw-session';

/** A model loaded three ways: the product's encoder, its tapped session alone, and the raw stock export. */
export interface LoadedModel {
  model: BenchModel;
  encoder: Encoder;
  tapped: TappedSession;
  raw: RawSession;
  padId: number;
  /** The file the product taps (for GPT-2 the decoder export, when there is one) and the stock base export. */
  productFile: string;
  rawFile: string;
  release(): Promise<void>;
}

export async function loadModel(model: BenchModel, scratchDir: string): Promise<LoadedModel> {
  const cacheDir = path.join(scratchDir, 'cache');
  const encoder = await loadEncoder(model.dir, { dtype: model.dtype, cacheDir, offline: true });
  const resolved = await resolveModel(model.dir, { dtype: model.dtype, offline: true });
  const spec = { family: resolved.config.family, layers: resolved.config.layers, hiddenSize: resolved.config.hiddenSize };
  const file = await tappedModelFile(resolved.onnxPath, spec, tapCacheDir(cacheDir));
  // Both sessions get the product's settings, so the ratio isolates what tapping and our code add. The
  // reference is the stock base model (model*.onnx, output last_hidden_state), what transformers.js'
  // feature-extraction runs too, whichever file the product picked.
  const tapped = await TappedSession.create(file.path, file.manifest, resolveRuntime());
  const rawFile = path.join(model.dir, 'onnx', model.dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx');
  const raw = await RawSession.create(rawFile, sessionOptions());
  return {
    model,
    encoder,
    tapped,
    raw,
    padId: encoder.tokenizer.padId,
    productFile: path.basename(resolved.onnxPath),
    rawFile: path.basename(rawFile),
    release: async () => {
      await encoder.dispose();
      await tapped.dispose();
      await raw.release();
    },
  };
}
