import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeFolder } from '../folders';
import type { RunRecord } from './types';

/**
 * A journal of finished runs, one JSON line each, so a long experiment that is interrupted (Ctrl-C, a reboot)
 * can resume where it stopped: with `resume`, runs whose key is in the journal are read back instead of
 * trained again. The key hashes everything that decides a run's numbers (see runKey), so a changed file,
 * encoder, schedule or dev sample never reuses a stale run.
 */
export class RunLog {
  private readonly done = new Map<string, RunRecord>();
  private readonly file: string;
  /** Without resume, the journal starts over at the first run recorded (nothing is written before). */
  private startOver: boolean;

  constructor(file: string, resume: boolean) {
    this.file = path.resolve(file);
    this.startOver = !resume;
    if (resume && fs.existsSync(this.file)) {
      const text = fs.readFileSync(this.file, 'utf8');
      for (const line of text.split('\n')) {
        // A line cut short by the interruption is simply trained again.
        const entry = parseLine(line);
        if (entry) this.done.set(entry.key, entry.run);
      }
      // End a cut line, so the next record starts on a line of its own.
      if (text !== '' && !text.endsWith('\n')) fs.appendFileSync(this.file, '\n');
    }
  }

  /** The finished run with this key, if the journal has one. */
  find(key: string): RunRecord | undefined {
    return this.done.get(key);
  }

  record(key: string, run: RunRecord): void {
    this.done.set(key, run);
    if (this.startOver) {
      makeFolder(path.dirname(this.file), 'The output folder');
      fs.writeFileSync(this.file, '');
      this.startOver = false;
    }
    fs.appendFileSync(this.file, `${JSON.stringify({ key, run })}\n`);
  }

  /**
   * Rewrites the journal with only these runs (once an experiment is complete), dropping runs of earlier
   * settings that a resume could no longer use. Written to a temporary name and renamed.
   */
  retain(keys: readonly string[]): void {
    const lines = keys.filter((key) => this.done.has(key)).map((key) => `${JSON.stringify({ key, run: this.done.get(key) })}\n`);
    const temporary = `${this.file}.tmp-${process.pid}`;
    makeFolder(path.dirname(this.file), 'The output folder');
    fs.writeFileSync(temporary, lines.join(''));
    fs.renameSync(temporary, this.file);
  }
}

function parseLine(line: string): { key: string; run: RunRecord } | undefined {
  if (line.trim() === '') return undefined;
  try {
    const entry = JSON.parse(line) as { key?: unknown; run?: unknown };
    return typeof entry.key === 'string' && typeof entry.run === 'object' && entry.run !== null ? { key: entry.key, run: entry.run as RunRecord } : undefined;
  } catch {
    return undefined;
  }
}

/** A run's identity: the hash of everything its numbers depend on. */
export function runKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
