import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProbeLensError } from './errors';

/**
 * Folders the user names (an output folder, a cache, a probes folder) checked before any work starts, and
 * created one level at a time. Node's recursive mkdir spins forever where a parent exists but refuses new
 * entries (/proc), so it is never used for them.
 */

/** The deepest existing path of `dir` (itself or an ancestor), and the missing levels below it, top first. */
function existingAncestor(dir: string): { existing: string; missing: string[] } {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!fs.existsSync(current)) {
    const parent = path.dirname(current);
    missing.unshift(current);
    if (parent === current) break; // a root that does not exist (an unmounted drive)
    current = parent;
  }
  return { existing: current, missing };
}

function notAFolder(what: string, dir: string, blocker: string): ProbeLensError {
  const where = blocker === path.resolve(dir) ? `${dir} is a file, not a folder` : `${blocker} is a file, so ${dir} cannot be a folder`;
  return new ProbeLensError(`${what}: ${where}. Give a folder (or a path where one can be made).`, 'bad-input');
}

function cannotWrite(what: string, dir: string, error: unknown): ProbeLensError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EROFS'
        ? 'the file system is read-only'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'ENOENT' || code === 'ENOTDIR'
            ? 'this place does not take new folders'
            : (error as Error).message;
  return new ProbeLensError(`${what}: cannot write in ${dir} (${why}). Give a folder you can write to.`, 'bad-input');
}

/**
 * Checks, without leaving anything behind, that `dir` is or can become a folder Probe Lens may write in: no
 * file in the way, and its deepest existing ancestor takes a new entry (a trial folder, removed at once).
 * `what` names it for the message, e.g. "--out".
 */
export function checkWritableFolder(dir: string, what: string): void {
  const { existing } = existingAncestor(dir);
  if (!fs.statSync(existing).isDirectory()) throw notAFolder(what, dir, existing);
  let trial: string;
  try {
    trial = fs.mkdtempSync(path.join(existing, '.probe-lens-check-'));
  } catch (error) {
    throw cannotWrite(what, existing, error);
  }
  fs.rmdirSync(trial);
}

/** Refuses a path that exists but is not a folder (a folder that does not exist is fine: nothing to read yet). */
export function checkFolderIfPresent(dir: string, what: string): void {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw notAFolder(what, dir, path.resolve(dir));
}

/** Creates `dir` and its missing parents, one level at a time; every failure is a ProbeLensError naming `what`. */
export function makeFolder(dir: string, what: string): void {
  const { existing, missing } = existingAncestor(dir);
  if (!fs.statSync(existing).isDirectory()) throw notAFolder(what, dir, existing);
  for (const level of missing) {
    try {
      fs.mkdirSync(level);
    } catch (error) {
      // Another process may have made it meanwhile: that is as good.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(level).isDirectory()) continue;
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw notAFolder(what, dir, level);
      throw cannotWrite(what, path.dirname(level), error);
    }
  }
}
