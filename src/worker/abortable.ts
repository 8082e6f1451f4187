import { ProbeLensError } from '../core/errors';

/** Waits for `promise`, but gives up with a 'cancelled' error as soon as `signal` fires (the work goes on). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new ProbeLensError('Cancelled.', 'cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ProbeLensError('Cancelled.', 'cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
