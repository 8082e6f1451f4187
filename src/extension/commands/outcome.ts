/**
 * What a command returns to its caller (vscode.commands.executeCommand resolves to it), besides what it
 * shows the user: tests and other commands act on it without reading notifications.
 */
export type Outcome<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /**
       * invalid: nothing to do with this input (no editor, empty selection, binary file); busy: the same
       * work is already running; superseded: a newer request replaced this one; no-probes: a probe must be
       * trained first; cancelled: the user cancelled; failed: an error, `code` says which.
       */
      reason: 'invalid' | 'busy' | 'superseded' | 'no-probes' | 'cancelled' | 'failed';
      message: string;
      code?: string;
    };

export function failed<T>(reason: Exclude<Outcome<T>, { ok: true }>['reason'], message: string, code?: string): Outcome<T> {
  return code === undefined ? { ok: false, reason, message } : { ok: false, reason, message, code };
}
