import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { throwIfCancelled } from '../errors';
import { OnnxEncoder } from './encoder';
import { tapCacheDir } from './model/cache-dir';
import { resolveModel, type ResolvedModel } from './model/resolve';
import { TappedSession } from './session/tapped-session';
import { resolveRuntime, type OnnxRuntime } from './session/session-options';
import { modelFingerprint, tappedModelFile, type CachedTappedModel } from './taps/tap-cache';
import { loadTokenizer } from './tokenize';
import type { Encoder, EncoderIdentity, LoadOptions, Tokenizer } from './types';

/** Two texts of different lengths the first tap of a model runs, so padding is part of what is checked. */
const SAMPLE_TEXTS = ['Probe Lens checks every layer of this model once.', 'A shorter one.'];

function sampleIds(tokenizer: Tokenizer): number[][] {
  return SAMPLE_TEXTS.map((text) => tokenizer.withSpecials(tokenizer.tokenize(text), text.length).map((t) => t.id));
}

/**
 * Loads an encoder that returns every layer's hidden states: `model` is a hub id, a model folder in the
 * Hugging Face / Optimum (or onnxruntime-genai) layout, or an .onnx file inside one. The first load of a model
 * file rewrites its graph once into the cache (cacheDir/taps), checks the taps on a forward pass, and keeps
 * the rewrite, which refers to the model's own weights files instead of copying them; later loads reuse it.
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

  const { session, fingerprint, runtime } = await openTappedSession(resolved, tokenizer, options);
  const identity: EncoderIdentity = { name: resolved.name, family, layers, hiddenSize, dtype: resolved.dtype, fingerprint };
  return new OnnxEncoder(identity, tokenizer, session, runtime);
}

export interface OpenedTaps {
  session: TappedSession;
  file: CachedTappedModel;
  /** The model's identity: its ONNX file's sha256, combined with its weights files' when they are separate. */
  fingerprint: string;
  runtime: OnnxRuntime;
}

/** The tapped graph of a resolved model (rewritten and checked on first use) in a session: what an encoder runs. */
export async function openTappedSession(resolved: ResolvedModel, tokenizer: Tokenizer, options: LoadOptions = {}): Promise<OpenedTaps> {
  const report = options.onProgress ?? (() => undefined);
  const { family, layers, hiddenSize, cache } = resolved.config;
  report('Preparing layer taps');
  const runtime = resolveRuntime(options);
  const spec = { family, layers, hiddenSize, ...(cache ? { cache } : {}) };
  const cacheDir = tapCacheDir(options.cacheDir);
  const sample = { ids: sampleIds(tokenizer), padId: tokenizer.padId, runtime };
  const file = await tappedModelFile(resolved.onnxPath, spec, cacheDir, sample);
  const fingerprint = await modelFingerprint(file.manifest, path.join(cacheDir, 'fingerprints'));
  throwIfCancelled(options.signal);
  report('Starting onnxruntime');
  const session = await TappedSession.create(await fs.readFile(file.path), file.manifest, runtime);
  return { session, file, fingerprint, runtime };
}
