/**
 * The model worker (dist/worker.js): encoders, probes and training run here, in a worker thread, so the
 * extension host's thread never waits on onnxruntime or a training loop. Requests run concurrently (a hover
 * may be answered while a training runs); each has its own AbortController, fired by the host's `cancel`.
 */
import { parentPort } from 'node:worker_threads';
import type { RequestContext } from './context';
import { onnxHeads } from '../core/heads/graph/onnx-heads';
import { EncoderPool } from './encoder-pool';
import { handleCompare } from './handle-compare';
import { handleTag } from './handle-tag';
import { handleTrain } from './handle-train';
import { ProbeCache } from './probe-cache';
import type { HostToWorker, ResponseOf, WorkerProgress, WorkerRequest, WorkerToHost } from './protocol';
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

async function dispatch(id: number, request: WorkerRequest, context: RequestContext): Promise<ResponseOf[keyof ResponseOf]> {
  switch (request.kind) {
    case 'compare':
      return handleCompare(request, context);
    case 'tag':
      return handleTag(request, context);
    case 'train':
      return handleTrain(request, context);
    case 'reset': {
      probes.invalidate();
      const others = [...running].filter(([other]) => other !== id).map(([, r]) => r.settled);
      await encoders.reset(Promise.allSettled(others));
      return null;
    }
  }
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
    const value = await dispatch(id, request, { runtime, signal: controller.signal, progress: progress.send, encoders, probes });
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
