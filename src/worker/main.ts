/**
 * The model worker (dist/worker.js): encoders, probes and training run here, in a worker thread, so the
 * extension host's thread never waits on onnxruntime or a training loop. Requests run concurrently (a hover
 * may be answered while a training runs); each has its own AbortController, fired by the host's `cancel`.
 */
import { parentPort } from 'node:worker_threads';
import type { Handlers, RequestContext } from './context';
import { onnxHeads } from '../core/heads/graph/onnx-heads';
import { EncoderPool } from './encoder-pool';
import { handleCompare } from './handle-compare';
import { handleReset } from './handle-reset';
import { handleSweep } from './handle-sweep';
import { handleTag } from './handle-tag';
import { handleTrain } from './handle-train';
import { ProbeCache } from './probe-cache';
import type { HostToWorker, WorkerKind, WorkerProgress, WorkerRequestOf, WorkerResponse, WorkerToHost } from '../protocol/worker';
import { toWireError } from './wire-error';

// Progress faster than this is coalesced: the host only redraws a status line.
const PROGRESS_INTERVAL_MS = 100;

const port = parentPort;
if (!port) throw new Error('dist/worker.js is a worker thread entry; the extension starts it with new Worker().');

const encoders = new EncoderPool();
const probes = new ProbeCache();
const running = new Map<number, { controller: AbortController; settled: Promise<void> }>();

function post(message: WorkerToHost): void {
  port?.postMessage(message);
}

// The heads' notices (a fallback to JavaScript) reach the "Probe Lens" output, not just the host's console.
onnxHeads.setLog((message) => post({ type: 'notice', message }));

/** Each request kind's handler (see WorkerProtocol). */
const HANDLERS: Handlers = { compare: handleCompare, tag: handleTag, train: handleTrain, sweep: handleSweep, reset: handleReset };

function dispatch<K extends WorkerKind>(request: WorkerRequestOf<K>, context: RequestContext): Promise<WorkerResponse<K>> {
  const handler: Handlers[K] = HANDLERS[request.kind];
  return handler(request, context);
}

/** Sends the first progress at once, then at most one per interval (the latest); nothing after `stop`. */
function throttledProgress(id: number): { send: (progress: WorkerProgress) => void; stop: () => void } {
  let last = 0;
  let pending: WorkerProgress | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (!pending) return;
    post({ type: 'progress', id, progress: pending });
    pending = undefined;
    last = Date.now();
  };
  return {
    send(progress) {
      pending = progress;
      const wait = PROGRESS_INTERVAL_MS - (Date.now() - last);
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    stop() {
      if (timer) clearTimeout(timer);
      pending = undefined;
    },
  };
}

async function run(message: Extract<HostToWorker, { type: 'request' }>, controller: AbortController): Promise<void> {
  const { id, runtime, request } = message;
  const progress = throttledProgress(id);
  try {
    const othersSettled = () => Promise.allSettled([...running].filter(([other]) => other !== id).map(([, r]) => r.settled));
    const value = await dispatch(request, { runtime, signal: controller.signal, progress: progress.send, encoders, probes, othersSettled });
    progress.stop();
    post({ type: 'done', id, value });
  } catch (error) {
    progress.stop();
    post({ type: 'failed', id, error: toWireError(error) });
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: HostToWorker) => {
  if (message.type === 'cancel') {
    running.get(message.id)?.controller.abort();
    return;
  }
  const controller = new AbortController();
  running.set(message.id, { controller, settled: run(message, controller) });
});
