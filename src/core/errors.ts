/** What kind of failure a ProbeLensError is, so adapters (CLI, extension) can react without parsing text. */
export type ErrorCode =
  | 'bad-input' // the user's text or arguments
  | 'model-not-found' // a folder, file or hub id that does not exist
  | 'bad-model' // a model that exists but cannot be used (truncated file, merged decoder, ...)
  | 'unsupported-family' // config.json's model_type is not one we can tap
  | 'layers-not-found' // the graph's layer outputs could not be located
  | 'data' // a dataset file that cannot be read
  | 'probe' // a probe folder that is missing, damaged or for another encoder
  | 'download' // a dataset that could not be fetched: offline and not cached, HTTP error, wrong or partial file
  | 'cancelled'; // the user cancelled

/** An error whose message is written for the user: it says what was wrong and, where it can, what to do. */
export class ProbeLensError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
  ) {
    super(message);
    this.name = 'ProbeLensError';
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof ProbeLensError && error.code === 'cancelled';
}

/** Throws a 'cancelled' error when the signal has fired; call it between units of work. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ProbeLensError('Cancelled.', 'cancelled');
}
