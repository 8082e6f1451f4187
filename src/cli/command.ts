import type { ParseArgsConfig } from 'node:util';

/** How a command talks to the terminal; tests pass their own. */
export interface CliIo {
  /** Writes to stdout, resolving when the data may be written again (backpressure for large outputs). */
  write(text: string): Promise<void>;
  /** Errors and warnings: stderr, never mixed into the output. */
  note(text: string): void;
  /** Progress of slow steps (downloads, first rewrite): shown only on an interactive terminal. */
  progress(text: string): void;
  /** Everything on stdin, as bytes: commands decode and check it (decodeText). */
  readStdin(): Promise<Uint8Array>;
  /** Fires when the user interrupts (Ctrl-C). */
  signal: AbortSignal;
  /**
   * Redraws one status line in place (a progress bar); an empty text clears it. Present only when stderr is
   * an interactive terminal: without it, commands report progress as plain lines through note().
   */
  status?(text: string): void;
}

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  /** Options declared `multiple: true` (e.g. a repeated --model) come as arrays. */
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/**
 * One CLI command (`probe-lens <name> ...`). A new command is one file under src/cli/ exporting one of these,
 * listed in commands.ts; global options (models root, offline, cache, threads) are parsed for every command.
 */
export interface Command {
  name: string;
  /** One line, shown in `probe-lens --help`. */
  summary: string;
  /** Shown by `probe-lens <name> --help`: usage line, arguments and options. */
  help: string;
  options: OptionSpecs;
  run(args: ParsedArgs, io: CliIo): Promise<void>;
}

/** A mistake in the command line itself: exit code 2 with the message and a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
