import type { EncoderPool } from './encoder-pool';
import type { ProbeCache } from './probe-cache';
import type { RuntimeOptions, WorkerKind, WorkerProgress, WorkerRequestOf, WorkerResponse } from '../protocol/worker';

/** What a request handler gets: the request's settings, its cancel signal and progress channel, and the warm state. */
export interface RequestContext {
  runtime: RuntimeOptions;
  signal: AbortSignal;
  progress: (progress: WorkerProgress) => void;
  encoders: EncoderPool;
  probes: ProbeCache;
  /** Settles when every other request running now has ended. */
  othersSettled: () => Promise<unknown>;
}

/** The worker's answer to one kind of request. */
export type Handler<K extends WorkerKind> = (request: WorkerRequestOf<K>, context: RequestContext) => Promise<WorkerResponse<K>>;

/** One handler per request kind: the compiler asks for a handler for every kind of the protocol. */
export type Handlers = { readonly [K in WorkerKind]: Handler<K> };
