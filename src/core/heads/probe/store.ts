import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EncoderIdentity } from '../../encoders/types';
import { ProbeLensError } from '../../errors';
import { makeFolder } from '../../folders';
import { createHead, type Head } from '../head';
import { Standardizer } from '../standardizer';
import { checkEncoderIdentity, parseProbeConfig, type ProbeConfig } from './config';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from './safetensors';

export const CONFIG_FILE = 'config.json';
export const WEIGHTS_FILE = 'weights.safetensors';

/** A trained head with everything needed to run it. */
export interface Probe {
  config: ProbeConfig;
  head: Head;
  /** The input standardisation fitted on its training features. */
  standardizer: Standardizer;
}

export interface LoadedProbe extends Probe {
  dir: string;
}

const meanName = (layer: number) => `input.mean.${layer}`;
const scaleName = (layer: number) => `input.scale.${layer}`;

/** Options of saveProbe. */
export interface SaveOptions {
  /** When the run that trained the probe started (ms since the epoch): see saveProbe's notice. */
  since?: number;
}

// A save holds its lock for milliseconds; a writer waits this long for another before giving up.
const LOCK_WAIT_MS = 30_000;
const LOCK_POLL_MS = 5;

/**
 * Writes the probe folder `dir` atomically: everything goes to a sibling temporary folder first (files
 * fsynced), which then replaces `dir` under a lock (`<dir>.lock`), so two runs saving the same probe take
 * turns instead of tripping over each other's renames. A crash or cancel before the swap leaves any previous
 * probe intact; the previous one is removed only after the new one is in place, and a reader that comes
 * between the two renames reads it from its `.old-` name. Returns a notice when the probe replaced one that
 * another run wrote after `since` (this run's start), else undefined.
 */
export function saveProbe(dir: string, probe: Probe, options: SaveOptions = {}): string | undefined {
  const target = path.resolve(dir);
  makeFolder(path.dirname(target), 'The probes folder');
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temporary = `${target}.tmp-${suffix}`;
  fs.mkdirSync(temporary);
  try {
    writeFileSynced(path.join(temporary, WEIGHTS_FILE), encodeSafetensors(probeTensors(probe), { format: 'pt' }));
    writeFileSynced(path.join(temporary, CONFIG_FILE), Buffer.from(JSON.stringify(probe.config, null, 2) + '\n'));
    return withLock(target, () => {
      recoverInterruptedSwap(target);
      const notice = replacedNotice(target, options.since);
      const previous = fs.existsSync(target) ? `${target}.old-${suffix}` : null;
      if (previous) fs.renameSync(target, previous);
      try {
        fs.renameSync(temporary, target);
      } catch (error) {
        if (previous) fs.renameSync(previous, target);
        throw error;
      }
      if (previous) fs.rmSync(previous, { recursive: true, force: true });
      return notice;
    });
  } finally {
    fs.rmSync(temporary, { recursive: true, force: true });
  }
}

/**
 * Loads the probe folder `dir`. With `encoder`, refuses a probe trained for another encoder. A missing,
 * truncated or inconsistent file, or weights that are not exactly the strategy's tensors, is a
 * ProbeLensError('probe') that names the folder. Loading never moves files: while a save swaps `dir`, the
 * previous probe is read from its `.old-` name.
 */
export function loadProbe(dir: string, encoder?: EncoderIdentity): LoadedProbe {
  const target = path.resolve(dir);
  const deadline = Date.now() + LOCK_WAIT_MS;
  let retriedUnlocked = false;
  for (;;) {
    const source = fs.existsSync(target) ? target : (swappedOut(target) ?? target);
    try {
      return loadFrom(source, target, encoder);
    } catch (error) {
      // A save holds the probe's lock and moved the files as they were read: read again once it has moved on.
      // It may have finished and unlocked between the read and this check, so one more read without the lock.
      const locked = fs.existsSync(lockFile(target));
      if ((!locked && retriedUnlocked) || Date.now() > deadline) throw error;
      if (locked) pause(LOCK_POLL_MS);
      else retriedUnlocked = true;
    }
  }
}

function loadFrom(source: string, target: string, encoder: EncoderIdentity | undefined): LoadedProbe {
  if (!fs.existsSync(source)) throw new ProbeLensError(`No probe folder at ${target}. Train one with "probe-lens train".`, 'probe');
  const config = parseProbeConfig(readJson(path.join(source, CONFIG_FILE), target), target);
  if (encoder) checkEncoderIdentity(config, encoder, target);
  const weightsFile = path.join(source, WEIGHTS_FILE);
  if (!fs.existsSync(weightsFile)) {
    throw new ProbeLensError(`The probe ${target} has no ${WEIGHTS_FILE} (an interrupted copy?). Train the probe again.`, 'probe');
  }
  const tensors = decodeSafetensors(fs.readFileSync(weightsFile), weightsFile);
  const head = createHead(config.task, config.strategy, config.shape, 0);
  const inputLayers = config.task === 'sentiment' ? 1 : config.shape.numLayers;
  const d = config.shape.hiddenSize;
  const expected = new Map<string, number[]>(head.parameters.map((p) => [p.name, [p.rows, p.cols]]));
  for (let l = 0; l < inputLayers; l++) expected.set(meanName(l), [d]).set(scaleName(l), [d]);
  checkTensors(tensors, expected, weightsFile, `${config.task} ${config.strategy}`);
  const take = (name: string): Float32Array => (tensors.get(name) as NamedTensor).data;
  for (const parameter of head.parameters) parameter.data.set(take(parameter.name));
  const means = Array.from({ length: inputLayers }, (_, l) => take(meanName(l)));
  const scales = Array.from({ length: inputLayers }, (_, l) => take(scaleName(l)));
  return { dir: target, config, head, standardizer: new Standardizer(means, scales) };
}

/**
 * The weights must be exactly the strategy's tensors, with its shapes: another head's weights copied into
 * the folder (extra, missing or reshaped tensors) would load and predict wrongly.
 */
function checkTensors(tensors: ReadonlyMap<string, NamedTensor>, expected: ReadonlyMap<string, number[]>, file: string, head: string): void {
  const fail = (why: string) => new ProbeLensError(`${file}: ${why}; these are not the weights of a ${head} probe. Train the probe again.`, 'probe');
  const missing = [...expected.keys()].filter((name) => !tensors.has(name));
  if (missing.length > 0) throw fail(`it has no tensor ${missing.map((n) => `"${n}"`).join(', ')}`);
  const extra = [...tensors.keys()].filter((name) => !expected.has(name));
  if (extra.length > 0) throw fail(`it has tensors the ${head} head does not have (${extra.map((n) => `"${n}"`).join(', ')})`);
  for (const [name, shape] of expected) {
    const actual = (tensors.get(name) as NamedTensor).shape;
    if (actual.join(',') !== shape.join(',')) throw fail(`tensor "${name}" has shape [${actual.join(', ')}], the head needs [${shape.join(', ')}]`);
  }
}

/** The probe folders directly inside `dir` (those with a config.json, or caught mid-swap), sorted by name. */
export function listProbeFolders(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  const names = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    // A probe whose save holds its lock, or is between its two renames (or crashed there), is listed under
    // its own name: loadProbe finds it.
    const locked = /^(.*)\.lock$/.exec(entry.name);
    const swapped = /^(.*)\.old-[^.]*$/.exec(entry.name);
    let name: string | undefined;
    if (entry.isFile()) name = locked?.[1];
    else if (entry.isDirectory()) name = swapped ? swapped[1] : /\.tmp-/.test(entry.name) ? undefined : entry.name;
    if (name !== undefined && !names.has(name) && holdsProbe(path.join(dir, name))) names.add(name);
  }
  return [...names].map((name) => path.join(dir, name)).sort();
}

/** Rounds of looks before a folder is said to hold no probe (a save locks, renames the probe to `.old-`, renames the new one in, unlocks). */
const PROBE_LOOKS = 8;

/**
 * Whether a probe is at `target`, or a save of it is under way, or it is swapped out. A save moves a probe
 * through these states between a directory listing and the look that follows it, so one round of looks can
 * miss a probe that is there all along; no save gets through several rounds in the time they take.
 */
function holdsProbe(target: string): boolean {
  for (let look = 0; look < PROBE_LOOKS; look++) {
    if (fs.existsSync(path.join(target, CONFIG_FILE)) || fs.existsSync(lockFile(target))) return true;
    const swapped = swappedOut(target);
    if (swapped !== undefined && fs.existsSync(path.join(swapped, CONFIG_FILE))) return true;
  }
  return false;
}

function probeTensors(probe: Probe): Map<string, NamedTensor> {
  const tensors = new Map<string, NamedTensor>();
  for (const p of probe.head.parameters) tensors.set(p.name, { shape: [p.rows, p.cols], data: Float32Array.from(p.data) });
  const { mean, scale } = probe.standardizer;
  mean.forEach((m, l) => tensors.set(meanName(l), { shape: [m.length], data: m }));
  scale.forEach((s, l) => tensors.set(scaleName(l), { shape: [s.length], data: s }));
  return tensors;
}

function writeFileSynced(file: string, bytes: Buffer): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function readJson(file: string, where: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ProbeLensError(`The probe ${where} has no ${CONFIG_FILE}. Train the probe again.`, 'probe');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProbeLensError(`${file} is not valid JSON (${(error as Error).message}). Train the probe again.`, 'probe');
  }
}

/** Where the previous probe of `target` sits while a save swaps it (or after a crash between the renames). */
function swappedOut(target: string): string | undefined {
  const parent = path.dirname(target);
  if (!fs.existsSync(parent)) return undefined;
  const prefix = `${path.basename(target)}.old-`;
  const leftover = fs.readdirSync(parent).find((name) => name.startsWith(prefix));
  return leftover === undefined ? undefined : path.join(parent, leftover);
}

/**
 * A crash between saveProbe's two renames leaves the previous probe at `<dir>.old-*` and nothing at `dir`:
 * put it back (under the lock), so the last complete probe is never lost.
 */
function recoverInterruptedSwap(target: string): void {
  if (fs.existsSync(target)) return;
  const leftover = swappedOut(target);
  if (leftover) fs.renameSync(leftover, target);
}

/** Says so when the probe at `target` was written by another run after `since`: this save replaces it. */
function replacedNotice(target: string, since: number | undefined): string | undefined {
  if (since === undefined || !fs.existsSync(target)) return undefined;
  let trainedAt: number;
  try {
    trainedAt = Date.parse((JSON.parse(fs.readFileSync(path.join(target, CONFIG_FILE), 'utf8')) as { trainedAt?: string }).trainedAt ?? '');
  } catch {
    return undefined; // a damaged probe is replaced without a word
  }
  if (!(trainedAt >= since)) return undefined;
  return `replaced ${target}, which another run saved at ${new Date(trainedAt).toISOString()}, after this run started`;
}

/**
 * Runs `work` holding `<target>.lock` (created exclusively; it names its process). A lock whose process is
 * gone (a crash) is broken; a live one is waited for, up to LOCK_WAIT_MS.
 */
function withLock<T>(target: string, work: () => T): T {
  const lock = lockFile(target);
  const deadline = Date.now() + LOCK_WAIT_MS;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = fs.openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockHolderGone(lock)) {
        fs.rmSync(lock, { force: true });
      } else if (Date.now() > deadline) {
        throw new ProbeLensError(
          `Another Probe Lens run has been saving ${target} for more than ${LOCK_WAIT_MS / 1000} s (${lock} exists). ` +
            'If no other run is going on, delete that file and save again.',
          'probe',
        );
      } else {
        pause(LOCK_POLL_MS);
      }
    }
  }
  try {
    fs.writeSync(fd, `${process.pid}\n`);
    return work();
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

function lockFile(target: string): string {
  return `${target}.lock`;
}

/** Blocks this thread for `ms` (saves and loads are synchronous; a lock is held for milliseconds). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether the process named in a lock file no longer runs (a lock not yet written names none: it is live). */
function lockHolderGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(lock, 'utf8'), 10);
  } catch {
    return false; // removed meanwhile: try again
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
