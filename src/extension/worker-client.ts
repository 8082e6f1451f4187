import { Worker } from 'node:worker_threads';
import type {
  HostToWorker,
  RuntimeOptions,
  WireErrorCode,
  WorkerProgress,
  WorkerRequest,
  WorkerResponse,
  WorkerToHost,
} from '../protocol/worker';

/** A failed request: `code` is the worker's error code ('cancelled', 'model-not-found', 'crashed', ...). */
export class WorkerError extends Error {
  constructor(
    readonly code: WireErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'WorkerError';
  }
}

export interface RequestOptions {
  /** Aborting rejects the request at once with a 'cancelled' WorkerError and tells the worker to stop. */
  signal?: AbortSignal;
  onProgress?: (progress: WorkerProgress) => void;
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: WorkerError) => void;
  onProgress?: (progress: WorkerProgress) => void;
}

/**
 * The host's side of the model worker. The worker thread starts on the first request (so activation never
 * loads onnxruntime), and again on the first request after it died: a crash fails the requests in flight
 * with a 'crashed' error that says so, and the next request starts a fresh worker. No vscode import: the
 * unit tests drive it with stand-in workers.
 */
export class WorkerClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;
  /** How many worker threads were started, for tests and the log. */
  starts = 0;

  constructor(
    private readonly workerFile: string,
    private readonly runtime: () => RuntimeOptions,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  get isRunning(): boolean {
    return this.worker !== undefined;
  }

  request<R extends WorkerRequest>(request: R, options: RequestOptions = {}): Promise<WorkerResponse<R['kind']>> {
    if (this.disposed) return Promise.reject(new WorkerError('cancelled', 'Probe Lens is shutting down.'));
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(cancelledError());
    const worker = this.ensureWorker();
    worker.ref();
    const id = this.nextId++;
    return new Promise<WorkerResponse<R['kind']>>((resolve, reject) => {
      const onAbort = () => {
        const pending = this.pending.get(id);
        if (!pending) return;
        this.pending.delete(id);
        worker.postMessage({ type: 'cancel', id } satisfies HostToWorker);
        pending.reject(cancelledError());
      };
      const settle = () => {
        signal?.removeEventListener('abort', onAbort);
        // An idle worker must not keep the process alive (the extension host at shutdown, a test runner).
        if (this.pending.size === 0) worker.unref();
      };
      this.pending.set(id, {
        resolve: (value) => {
          settle();
          resolve(value);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        onProgress,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ type: 'request', id, runtime: this.runtime(), request } satisfies HostToWorker);
    });
  }

  /** Stops the worker thread; requests in flight fail as cancelled. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(cancelledError());
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile);
    this.starts++;
    this.log(`worker: started (${this.workerFile})`);
    let crash: Error | undefined;
    worker.on('message', (message: WorkerToHost) => this.receive(message));
    worker.on('error', (error) => {
      crash = error;
      this.log(`worker: uncaught error: ${error.stack ?? error.message}`);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // terminated on purpose
      this.worker = undefined;
      const why = crash ? crash.message : `exit code ${code}`;
      this.log(`worker: stopped unexpectedly (${why})`);
      this.failAll(
        new WorkerError(
          'crashed',
          `The Probe Lens model worker stopped unexpectedly (${why}). The next request starts it again; ` +
            'if this keeps happening, see the "Probe Lens" output for details.',
          crash?.stack,
        ),
      );
    });
    this.worker = worker;
    return worker;
  }

  private receive(message: WorkerToHost): void {
    if (message.type === 'notice') {
      this.log(`worker: ${message.message}`);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return; // cancelled here already
    switch (message.type) {
      case 'progress':
        pending.onProgress?.(message.progress);
        return;
      case 'done':
        this.pending.delete(message.id);
        pending.resolve(message.value as never);
        return;
      case 'failed':
        this.pending.delete(message.id);
        pending.reject(new WorkerError(message.error.code, message.error.message, message.error.detail));
    }
  }

  private failAll(error: WorkerError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const pending of all) pending.reject(error);
  }
}

function cancelledError(): WorkerError {
  return new WorkerError('cancelled', 'Cancelled.');
}

export function isCancelledError(error: unknown): boolean {
  return error instanceof WorkerError && error.code === 'cancelled';
}
