import type { EncoderPool } from './encoder-pool';
import type { ProbeCache } from './probe-cache';
import type { RuntimeOptions, WorkerProgress } from './protocol';

/** What a request handler gets: the request's settings, its cancel signal and progress channel, and the warm state. */
export interface RequestContext {
  runtime: RuntimeOptions;
  signal: AbortSignal;
  progress: (progress: WorkerProgress) => void;
  encoders: EncoderPool;
  probes: ProbeCache;
}
