import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SHARED_DIR } from '../test/shared-path';

/**
 * The interpreter the peers run with: Debian's, whose python3-torch the issue measures against, unless
 * PROBE_LENS_PYTHON names another (a missing one shows the run without PyTorch).
 */
export const PYTHON = process.env.PROBE_LENS_PYTHON || '/usr/bin/python3';

/** What the bench found of PyTorch: it installs nothing, so a machine without it reports "not available". */
export type Torch = { available: true; version: string; openblas: boolean } | { available: false; reason: string };

let probed: Promise<Torch> | undefined;

/**
 * Whether PYTHON can import torch, its version, and whether a matrix product loaded OpenBLAS (without
 * libopenblas0-pthread Debian's torch falls back to the reference BLAS, about 20× slower). Asked once per run.
 */
export function findTorch(): Promise<Torch> {
  const script =
    'import torch; torch.ones(64, 64) @ torch.ones(64, 64); ' +
    "print(torch.__version__, any('openblas' in line for line in open('/proc/self/maps')))";
  probed ??= promisify(execFile)(PYTHON, ['-c', script], { timeout: 120_000 }).then(
    ({ stdout }): Torch => {
      const [version, openblas] = stdout.trim().split(' ');
      return { available: true, version, openblas: openblas === 'True' };
    },
    (error: Error & { stderr?: string }): Torch => {
      const why = error.stderr?.trim().split('\n').pop() || error.message;
      return { available: false, reason: `${PYTHON} cannot import torch (${why})` };
    },
  );
  return probed;
}

/** "PyTorch 1.13.0a0 (OpenBLAS)": the peer, for a details column. */
export function describeTorch(torch: Torch & { available: true }): string {
  return `PyTorch ${torch.version} (${torch.openblas ? 'OpenBLAS' : 'reference BLAS: install libopenblas0-pthread'})`;
}

/** The shared peer for head training: DWAtt and Concat trained in PyTorch (../shared/tools/torch_heads.py). */
export const TORCH_HEADS = path.join(SHARED_DIR, 'tools', 'torch_heads.py');

/** One line of torch_heads.py: steps/s of one head at one shape and thread count. */
export interface TorchHeadsRate {
  threads: number;
  head: string;
  rows: number;
  layers: number;
  hidden: number;
  stepsPerSecond: number;
}

const RATE_LINE = /^threads (\d+)\s+(\S+)\s+(\d+) x (\d+) x (\d+):\s+([\d.]+) steps\/s$/;

export function parseTorchHeadsLine(line: string): TorchHeadsRate | undefined {
  const m = RATE_LINE.exec(line.trim());
  if (!m) return undefined;
  const [threads, rows, layers, hidden] = [m[1], m[3], m[4], m[5]].map(Number);
  return { threads, head: m[2], rows, layers, hidden, stepsPerSecond: Number(m[6]) };
}

/**
 * Runs torch_heads.py for one thread count and returns its rates; with `lines`, stops it after that many (the
 * quick run takes the first, 7 × 128 DWAtt). Throws with its stderr when it fails or prints no rate.
 */
export function runTorchHeads(threads: number, lines?: number, timeoutMs = 20 * 60_000): Promise<TorchHeadsRate[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [TORCH_HEADS, String(threads)], { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    const rates: TorchHeadsRate[] = [];
    let pending = '';
    let stderr = '';
    let stopped = false;
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const line of complete) {
        const rate = parseTorchHeadsLine(line);
        if (rate) rates.push(rate);
      }
      if (lines !== undefined && rates.length >= lines && !stopped) {
        stopped = true;
        child.kill();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if ((code === 0 || stopped) && rates.length > 0) resolve(rates);
      else reject(new Error(`${TORCH_HEADS} ${threads} ended with ${signal ?? `code ${code}`} after ${rates.length} rates: ${stderr.trim().slice(-2000)}`));
    });
  });
}
