import * as vscode from 'vscode';
import { WorkerError } from './worker-client';
import type { Log } from './log';

/** The user-facing text of a failure; internal errors point at the log, where their stack is. */
export function failureMessage(error: unknown): string {
  if (error instanceof WorkerError) {
    return error.code === 'internal' ? `${error.message} (details in the "Probe Lens" output)` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Shows a failure as an error message (a cancelled request shows nothing: the user asked for it) and logs
 * it with its details.
 */
export function reportFailure(error: unknown, log: Log, what: string): void {
  if (error instanceof WorkerError && error.code === 'cancelled') return;
  const message = failureMessage(error);
  log.error(`${what}: ${message}${error instanceof WorkerError && error.detail ? `\n${error.detail}` : ''}`);
  const showLog = error instanceof WorkerError && (error.code === 'internal' || error.code === 'crashed');
  void vscode.window.showErrorMessage(`Probe Lens: ${message}`, ...(showLog ? ['Show Log'] : [])).then((choice) => {
    if (choice) log.show();
  });
}
