import * as path from 'node:path';
import { hubCacheDir, tapCacheDir } from '../core/encoders/model/cache-dir';
import { datasetCacheDir } from '../core/data/download';

/**
 * Everything Probe Lens writes lives under the extension's global storage folder, so uninstalling the
 * extension removes it and the CLI's cache (~/.cache/probe-lens) is never touched:
 *   probes/<encoder key>/<task>-<strategy>   trained probes (never deleted without asking)
 *   features/                                 features extracted for training
 *   cache/hub, cache/taps, cache/datasets     downloaded models, rewritten graphs, downloaded datasets
 */
export interface StoragePaths {
  probesRoot: string;
  featuresDir: string;
  cacheDir: string;
}

export function storagePaths(globalStorage: string): StoragePaths {
  return {
    probesRoot: path.join(globalStorage, 'probes'),
    featuresDir: path.join(globalStorage, 'features'),
    cacheDir: path.join(globalStorage, 'cache'),
  };
}

export type CacheKind = 'features' | 'taps' | 'models' | 'datasets' | 'probes';

export const CACHE_KINDS: readonly CacheKind[] = ['features', 'taps', 'models', 'datasets', 'probes'];

/** What each kind is, for the Clear Caches picker. */
export const CACHE_DESCRIPTIONS: Record<CacheKind, { label: string; detail: string }> = {
  features: { label: 'Extracted features', detail: 'Hidden states of the training data; extracted again on the next training.' },
  taps: { label: 'Rewritten model graphs', detail: 'Encoders with every layer tapped; rewritten again on the next load.' },
  models: { label: 'Downloaded models', detail: 'Hub models; downloaded again on next use (not possible offline).' },
  datasets: { label: 'Downloaded datasets', detail: 'SST-2, CoNLL-2003, WNUT-17; downloaded again on the next training.' },
  probes: { label: 'Trained probes', detail: 'Every trained probe of every encoder: they must be trained again.' },
};

export function cacheFolder(paths: StoragePaths, kind: CacheKind): string {
  switch (kind) {
    case 'features':
      return paths.featuresDir;
    case 'taps':
      return tapCacheDir(paths.cacheDir);
    case 'models':
      return hubCacheDir(paths.cacheDir);
    case 'datasets':
      return datasetCacheDir(paths.cacheDir);
    case 'probes':
      return paths.probesRoot;
  }
}
