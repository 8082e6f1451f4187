import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ProbeLensError } from '../../errors';
import { writeFileAtomic } from './atomic-write';
import { fingerprintFile } from './fingerprint';
import { buildTappedModel, KNOWN_INPUTS, type KnownInput, type TapSpec } from './tapped-model';

/** Bump when the tap search or the rewrite changes, so stale rewrites are not reused. */
export const TAP_LOGIC_VERSION = 2;

/** Written beside each rewritten model; written last, so its presence means the model file is complete. */
export interface TapManifest {
  logicVersion: number;
  source: string;
  sha256: string;
  family: TapSpec['family'];
  layers: number;
  hiddenSize: number;
  taps: string[];
  inputs: KnownInput[];
}

export interface CachedTappedModel {
  path: string;
  manifest: TapManifest;
  /** false when the rewrite was already in the cache. */
  rewritten: boolean;
}

function isManifest(value: unknown, spec: TapSpec, sha256: string): value is TapManifest {
  const m = value as Partial<TapManifest> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.logicVersion === TAP_LOGIC_VERSION &&
    m.sha256 === sha256 &&
    m.family === spec.family &&
    m.layers === spec.layers &&
    // A rewrite made for a config.json with another hidden size (refused at load) is not this model's.
    m.hiddenSize === spec.hiddenSize &&
    Array.isArray(m.taps) &&
    m.taps.length === spec.layers + 1 &&
    Array.isArray(m.inputs) &&
    m.inputs.every((i) => (KNOWN_INPUTS as readonly string[]).includes(i))
  );
}

async function readManifest(file: string, spec: TapSpec, sha256: string): Promise<TapManifest | undefined> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
    return isManifest(parsed, spec, sha256) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function cacheWriteError(dir: string, error: unknown): ProbeLensError {
  return new ProbeLensError(
    `Cannot write the layer-tap cache in ${dir}: ${(error as Error).message}. Choose a writable cache folder.`,
    'bad-input',
  );
}

/**
 * The source model rewritten to output every layer, from the cache when it is there (keyed by the source's
 * sha256, the tap spec and TAP_LOGIC_VERSION), else rewritten once and stored atomically.
 */
export async function tappedModelFile(source: string, spec: TapSpec, cacheDir: string): Promise<CachedTappedModel> {
  let sha256: string;
  try {
    sha256 = await fingerprintFile(source, path.join(cacheDir, 'fingerprints'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ProbeLensError(`${source} does not exist.`, 'model-not-found');
    }
    throw cacheWriteError(cacheDir, error);
  }
  const key = `${sha256}-${spec.family}-${spec.layers}-v${TAP_LOGIC_VERSION}`;
  const modelPath = path.join(cacheDir, `${key}.onnx`);
  const manifestPath = path.join(cacheDir, `${key}.json`);

  const cached = await readManifest(manifestPath, spec, sha256);
  if (cached && existsSync(modelPath)) return { path: modelPath, manifest: cached, rewritten: false };

  const bytes = await fs.readFile(source);
  const tapped = buildTappedModel(bytes, spec, source);
  const manifest: TapManifest = {
    logicVersion: TAP_LOGIC_VERSION,
    source,
    sha256,
    family: spec.family,
    layers: spec.layers,
    hiddenSize: spec.hiddenSize,
    taps: tapped.taps,
    inputs: tapped.inputs,
  };
  try {
    await writeFileAtomic(modelPath, tapped.chunks);
    await writeFileAtomic(manifestPath, [new TextEncoder().encode(JSON.stringify(manifest, null, 2))]);
  } catch (error) {
    throw cacheWriteError(cacheDir, error);
  }
  return { path: modelPath, manifest, rewritten: true };
}
