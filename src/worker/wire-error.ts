import { ProbeLensError } from '../core/errors';
import type { WireError } from '../protocol/worker';

/**
 * An error as it crosses to the host: a ProbeLensError keeps its code and user-facing message; anything else
 * is a bug, reported as 'internal' with its stack for the log.
 */
export function toWireError(error: unknown): WireError {
  if (error instanceof ProbeLensError) return { code: error.code, message: error.message };
  const cause = error instanceof Error ? error : new Error(String(error));
  return { code: 'internal', message: `Unexpected error in the Probe Lens worker: ${cause.message}`, detail: cause.stack };
}

