import { loadEncoder } from '../core/encoders';
import type { Encoder } from '../core/encoders/types';
import { ProbeLensError } from '../core/errors';
import { encoderLabel } from './encoder-label';
import { abortable } from './abortable';
import type { EncoderSpec, RuntimeOptions } from './protocol';

interface Entry {
  loading: Promise<Encoder>;
  /** Everyone waiting on this load hears its progress. */
  listeners: Set<(message: string) => void>;
  ready: boolean;
}

/**
 * Loaded encoders, kept warm between requests and shared by them: two requests for the same encoder wait on
 * one load. The key holds everything that changes what loads (name, dtype, offline, models root, threads,
 * cache), so a settings change simply loads another; `reset` frees them all.
 */
export class EncoderPool {
  private readonly entries = new Map<string, Entry>();

  /** The encoder, and how long this caller waited for it to load (0 when it was warm). */
  async get(
    spec: EncoderSpec,
    runtime: RuntimeOptions,
    onProgress: (message: string) => void,
    signal: AbortSignal,
  ): Promise<{ encoder: Encoder; loadMs: number }> {
    const key = JSON.stringify([spec.name, spec.dtype, runtime.cacheDir, runtime.offline, runtime.modelsRoot, runtime.threads, runtime.provider]);
    const entry = this.entries.get(key) ?? this.load(key, spec, runtime);
    const warm = entry.ready;
    const started = performance.now();
    entry.listeners.add(onProgress);
    try {
      // The load goes on when this caller gives up: the next request will want the same encoder.
      const encoder = await abortable(entry.loading, signal);
      return { encoder, loadMs: warm ? 0 : performance.now() - started };
    } finally {
      entry.listeners.delete(onProgress);
    }
  }

  private load(key: string, spec: EncoderSpec, runtime: RuntimeOptions): Entry {
    const listeners = new Set<(message: string) => void>();
    const label = encoderLabel(spec.name);
    const loading = loadEncoder(spec.name, {
      dtype: spec.dtype,
      offline: runtime.offline,
      modelsRoot: runtime.modelsRoot,
      cacheDir: runtime.cacheDir,
      threads: runtime.threads,
      provider: runtime.provider,
      onProgress: (message) => listeners.forEach((listener) => listener(`${label}: ${message}`)),
    }).catch((error: unknown) => {
      this.entries.delete(key); // a failed load is retried by the next request
      throw withEncoderName(error, spec.name);
    });
    const entry: Entry = { loading, listeners, ready: false };
    loading.then(() => (entry.ready = true), () => undefined);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Forgets every encoder at once (the next request loads afresh) and frees them (their onnxruntime
   * sessions) once `inUse` settles: requests already running keep the encoders they hold until they end.
   */
  async reset(inUse: Promise<unknown>): Promise<void> {
    const retired = [...this.entries.values()];
    this.entries.clear();
    await inUse;
    await Promise.all(retired.map((entry) => entry.loading.then((encoder) => encoder.dispose(), () => undefined)));
  }
}

/** Load errors name the encoder they are about, unless the message already does. */
function withEncoderName(error: unknown, name: string): unknown {
  if (!(error instanceof ProbeLensError) || error.message.includes(name)) return error;
  return new ProbeLensError(`Encoder ${name}: ${error.message}`, error.code);
}
