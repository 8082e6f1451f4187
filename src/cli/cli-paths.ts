import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheRoot } from '../core/encoders/model/cache-dir';
import type { EncoderIdentity } from '../core/encoders/types';
import { probesDirFor } from '../core/probe-set';

/**
 * Where the CLI keeps what it writes, under Probe Lens' cache folder (--cache-dir, $PROBE_LENS_CACHE_DIR,
 * else ~/.cache/probe-lens):
 *   probes/<encoder key>/<task>-<strategy>   probes trained by `compare --train-missing` (read by compare)
 *   features/                                 features extracted for training and evaluation
 */
export function defaultProbesRoot(cacheDir?: string): string {
  return path.join(cacheRoot(cacheDir), 'probes');
}

export function featuresDir(cacheDir?: string): string {
  return path.join(cacheRoot(cacheDir), 'features');
}

/**
 * The folder holding an encoder's probes, given a --probes folder: its per-encoder subfolder
 * (<dir>/<encoder key>, the layout of a probes root shared by several encoders) when that exists, else the
 * folder itself (the layout `train --out` writes).
 */
export function probesFolderIn(dir: string, identity: EncoderIdentity): string {
  const shared = probesDirFor(dir, identity);
  return fs.existsSync(shared) ? shared : dir;
}
