import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Probe Lens' cache folder: hub downloads under hub/, rewritten (tapped) graphs under taps/.
 * Default: $PROBE_LENS_CACHE_DIR, else $XDG_CACHE_HOME/probe-lens, else ~/.cache/probe-lens.
 */
export function cacheRoot(cacheDir?: string): string {
  if (cacheDir) return path.resolve(cacheDir);
  if (process.env.PROBE_LENS_CACHE_DIR) return path.resolve(process.env.PROBE_LENS_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'probe-lens');
}

export function hubCacheDir(cacheDir?: string): string {
  return path.join(cacheRoot(cacheDir), 'hub');
}

export function tapCacheDir(cacheDir?: string): string {
  return path.join(cacheRoot(cacheDir), 'taps');
}
