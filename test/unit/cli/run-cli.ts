import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import type { CliIo } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Every status line drawn (empty when the io had no status line). */
  status: string[];
}

export interface RunOptions {
  /** What stdin holds: text (as UTF-8) or raw bytes. */
  stdin?: string | Uint8Array;
  signal?: AbortSignal;
  /** Give the io a status line (an interactive terminal); called with each line drawn. */
  onStatus?: (text: string) => void;
  /** Called with each note (stderr line), e.g. to interrupt at a given moment. */
  onNote?: (text: string) => void;
}

/** Runs `probe-lens <args>` in-process with a captured terminal. */
export async function cli(args: string[], options: RunOptions = {}): Promise<Run> {
  const run: Run = { code: -1, stdout: '', stderr: '', status: [] };
  const io: CliIo = {
    write: async (text) => {
      run.stdout += text;
    },
    note: (text) => {
      run.stderr += `${text}\n`;
      options.onNote?.(text);
    },
    progress: () => undefined,
    readStdin: async () => (typeof options.stdin === 'string' || options.stdin === undefined ? Buffer.from(options.stdin ?? '') : options.stdin),
    signal: options.signal ?? new AbortController().signal,
  };
  const { onStatus } = options;
  if (onStatus) {
    io.status = (text) => {
      run.status.push(text);
      onStatus(text);
    };
  }
  run.code = await runCli(args, io);
  return run;
}

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(prefix = 'probe-lens-cli-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
