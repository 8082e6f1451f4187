import { throwIfCancelled } from '../errors';
import { OnnxEncoder } from './encoder';
import { tapCacheDir } from './model/cache-dir';
import { resolveModel } from './model/resolve';
import { TappedSession } from './session/tapped-session';
import { resolveRuntime } from './session/session-options';
import { tappedModelFile } from './taps/tap-cache';
import { loadTokenizer } from './tokenize';
import type { Encoder, LoadOptions } from './types';

/**
 * Loads an encoder that returns every layer's hidden states: `model` is a hub id, a model folder in the
 * Hugging Face / Optimum layout, or an .onnx file inside one. The first load of a model file rewrites its
 * graph once into the cache (cacheDir/taps); later loads reuse it.
 */
export async function loadEncoder(model: string, options: LoadOptions = {}): Promise<Encoder> {
  const report = options.onProgress ?? (() => undefined);
  throwIfCancelled(options.signal);
  report(`Locating ${model}`);
  const resolved = await resolveModel(model, options);
  const { family, layers, hiddenSize, maxPositions } = resolved.config;
  throwIfCancelled(options.signal);

  report('Loading the tokenizer');
  const tokenizer = await loadTokenizer(resolved.folder, family, maxPositions);
  throwIfCancelled(options.signal);

  report('Preparing layer taps');
  const spec = { family, layers, hiddenSize };
  const tapped = await tappedModelFile(resolved.onnxPath, spec, tapCacheDir(options.cacheDir));
  throwIfCancelled(options.signal);

  report('Starting onnxruntime');
  const runtime = resolveRuntime(options);
  const session = await TappedSession.create(tapped.path, tapped.manifest, runtime);
  const identity = { name: resolved.name, ...spec, dtype: resolved.dtype, fingerprint: tapped.manifest.sha256 };
  return new OnnxEncoder(identity, tokenizer, session, runtime);
}
