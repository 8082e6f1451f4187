import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProbeLensError } from '../../errors';
import { readCompactModel } from '../onnx/compact-model';
import { TensorElemType, type OnnxGraph } from '../onnx/graph';
import { externalFiles } from '../onnx/graph-facts';
import { concat, MalformedMessageError } from '../onnx/wire';
import type { OnnxRuntime } from '../session/session-options';
import { openGraphSession, type SessionGraph } from '../session/tapped-session';
import { writeFileAtomic } from './atomic-write';
import { fingerprintFile } from './fingerprint';
import { buildTappedModel, notComplete, parseModel, type InputFeed, type TapSpec } from './tapped-model';
import { verifyTaps, type TapCheck } from './verify-taps';

/** Bump when the tap search or the rewrite changes, so stale rewrites are not reused. */
export const TAP_LOGIC_VERSION = 3;

/** An external-data file the tapped graph reads, relative to weightsDir, and how many of its bytes it needs. */
export interface WeightsFile {
  file: string;
  bytes: number;
}

/**
 * Written beside each rewritten graph, last, once the taps were checked on a forward pass: its presence means
 * the graph is complete and its layers are what they claim.
 */
export interface TapManifest extends SessionGraph {
  logicVersion: number;
  /** Where the source's real file is, relative to weightsDir (differs from its name behind symbolic links). */
  sourceInWeights: string;
  /** sha256 of the source ONNX file (the cache key). */
  sha256: string;
  family: TapSpec['family'];
  layers: number;
  /** The files the weights stay in; the tapped graph refers to them, it holds none. */
  weights: WeightsFile[];
  check: TapCheck;
}

export interface CachedTappedModel {
  path: string;
  manifest: TapManifest;
  /** false when the rewrite was already in the cache. */
  rewritten: boolean;
}

/** What the first tap of a model runs to check its taps: token ids of two texts of different lengths. */
export interface TapSample {
  ids: number[][];
  padId: number;
  runtime: OnnxRuntime;
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
    Array.isArray(m.weights) &&
    typeof m.weightsDir === 'string' &&
    typeof m.sourceInWeights === 'string' &&
    typeof m.check === 'object'
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

/** Every file the graph's initializers read, with the bytes needed of each (the source's own name included). */
function weightsOf(graph: OnnxGraph): WeightsFile[] {
  const needed = new Map<string, number>();
  for (const init of graph.initializers) {
    if (init.data.kind !== 'external') continue;
    const end = init.data.offset + Math.max(init.data.length, 0);
    needed.set(init.data.location, Math.max(needed.get(init.data.location) ?? 0, end));
  }
  return [...needed].map(([file, bytes]) => ({ file, bytes }));
}

/**
 * Refuses, before onnxruntime is asked, a model whose weight files are missing or cut short, or bigger than this
 * machine's memory: each would otherwise fail deep inside the runtime (or exhaust the machine).
 */
export async function checkWeights(manifest: Pick<TapManifest, 'source' | 'weightsDir' | 'weights'>, memoryBytes = os.totalmem()): Promise<void> {
  let total = 0;
  for (const { file, bytes } of manifest.weights) {
    const full = path.join(manifest.weightsDir, file);
    let size: number;
    try {
      size = (await fs.stat(full)).size;
    } catch {
      throw new ProbeLensError(
        `${full} is missing: ${manifest.source} keeps its weights in it (external data). Download or copy it beside the model.`,
        'model-not-found',
      );
    }
    if (size < bytes) {
      throw new ProbeLensError(
        `${full} holds ${size.toLocaleString('en-US')} bytes, but ${manifest.source} needs ${bytes.toLocaleString('en-US')} of it: ` +
          'the file is truncated. Download it again.',
        'bad-model',
      );
    }
    total += size;
  }
  if (total > memoryBytes) {
    const gb = (n: number) => `${(n / 2 ** 30).toFixed(1)} GB`;
    throw new ProbeLensError(
      `${manifest.source} has ${gb(total)} of weights, more than this machine's ${gb(memoryBytes)} of memory: ` +
        'onnxruntime could not load it. Pick a smaller dtype (q4, q8) or a smaller model.',
      'bad-model',
    );
  }
}

/**
 * The identity of what a model computes: the source's sha256, and with external data the sha256 of every weights
 * file too (each remembered per path, size and mtime, so only the first load reads them).
 */
export async function modelFingerprint(manifest: TapManifest, memoDir: string): Promise<string> {
  const others = manifest.weights.filter((w) => w.file !== manifest.sourceInWeights);
  if (others.length === 0) return manifest.sha256;
  const hash = createHash('sha256').update(manifest.sha256);
  for (const { file } of others) hash.update(`\0${file}\0${await fingerprintFile(path.join(manifest.weightsDir, file), memoDir)}`);
  return hash.digest('hex');
}

/** The deepest folder holding every path. */
function commonFolder(paths: readonly string[]): string {
  const split = paths.map((p) => path.dirname(p).split(path.sep));
  const common: string[] = [];
  for (let i = 0; i < split[0].length && split.every((parts) => parts[i] === split[0][i]); i++) common.push(split[0][i]);
  return common.join(path.sep) || path.sep;
}

async function realOrSame(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return file;
  }
}

/**
 * The source as a compact graph whose weight locations onnxruntime accepts: relative to the source's folder, or,
 * when the source or its weights are symbolic links (a Hugging Face snapshot links into blobs/), to the deepest
 * folder holding the real files, since onnxruntime refuses locations that resolve outside the folder it is given.
 */
async function compactLayout(source: string): Promise<{ compact: Uint8Array; graph: OnnxGraph; weightsDir: string; sourceInWeights: string }> {
  const dir = path.dirname(source);
  const read = async (relocate?: (location: string) => string) => {
    let compact: Uint8Array;
    try {
      compact = await readCompactModel(source, relocate);
    } catch (error) {
      if (!(error instanceof MalformedMessageError)) throw error;
      throw notComplete(source, error);
    }
    return { compact, graph: parseModel(compact, source) };
  };
  const plain = await read();
  const locations = [path.basename(source), ...externalFiles(plain.graph).filter((f) => f !== path.basename(source))];
  const real = new Map(await Promise.all(locations.map(async (l) => [l, await realOrSame(path.join(dir, l))] as const)));
  if (locations.every((l) => real.get(l) === path.join(dir, l))) {
    return { ...plain, weightsDir: dir, sourceInWeights: path.basename(source) };
  }
  const weightsDir = commonFolder([...real.values()]);
  const relocated = await read((location) => path.relative(weightsDir, real.get(location) ?? path.join(dir, location)));
  return { ...relocated, weightsDir, sourceInWeights: path.relative(weightsDir, real.get(path.basename(source)) as string) };
}

const BF16_HINT =
  '. The graph computes in bfloat16, for which onnxruntime’s CPU provider has no kernels: use the export’s fp32, ' +
  'fp16 or quantised file.';

/** Builds the graph for checking (taps, logits and the LM head's input), runs it once, and returns what it found. */
async function checkTaps(compact: Uint8Array, graph: OnnxGraph, spec: TapSpec, source: string, weightsDir: string, sample: TapSample): Promise<TapCheck> {
  const built = buildTappedModel(compact, spec, source, true);
  const bf16 = built.activationType === TensorElemType.bfloat16 || graph.initializers.some((i) => i.dataType === TensorElemType.bfloat16);
  const session = await openGraphSession(concat(built.chunks), weightsDir, source, sample.runtime, bf16 ? BF16_HINT : '');
  try {
    return await verifyTaps(
      session,
      { ...built, source, hiddenSize: spec.hiddenSize, model: compact, weightsDir },
      sample.ids,
      sample.padId,
    );
  } finally {
    await session.release();
  }
}

/**
 * The source model rewritten to output every layer, from the cache when it is there (keyed by the source's
 * sha256, the tap spec and TAP_LOGIC_VERSION), else rewritten once, checked on `sample`, and stored atomically.
 * The rewritten graph holds no weights: it refers to the source's files (its own bytes and any external data).
 */
export async function tappedModelFile(source: string, spec: TapSpec, cacheDir: string, sample: TapSample): Promise<CachedTappedModel> {
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
  if (cached && existsSync(modelPath)) {
    // The same file elsewhere (a moved or copied folder): its weights are where the file is now, laid out as
    // they were; when they are not, the graph is rewritten for the new layout.
    const real = await realOrSame(source);
    const weightsDir = path.resolve(path.dirname(real), path.relative(path.dirname(path.join(cached.weightsDir, cached.sourceInWeights)), cached.weightsDir));
    const manifest = { ...cached, source, weightsDir };
    const present = await Promise.all(manifest.weights.map((w) => fs.access(path.join(weightsDir, w.file)).then(() => true, () => false)));
    if (present.every(Boolean)) {
      await checkWeights(manifest);
      return { path: modelPath, manifest, rewritten: false };
    }
  }

  const { compact, graph, weightsDir, sourceInWeights } = await compactLayout(source);
  const tapped = buildTappedModel(compact, spec, source);
  const base = { source, weightsDir, sourceInWeights, weights: weightsOf(graph) };
  await checkWeights(base);
  const check = await checkTaps(compact, graph, spec, source, weightsDir, sample);
  const manifest: TapManifest = {
    logicVersion: TAP_LOGIC_VERSION,
    ...base,
    sha256,
    family: spec.family,
    layers: spec.layers,
    hiddenSize: spec.hiddenSize,
    taps: tapped.taps,
    inputs: tapped.inputs satisfies InputFeed[],
    check,
  };
  try {
    await writeFileAtomic(modelPath, tapped.chunks);
    await writeFileAtomic(manifestPath, [new TextEncoder().encode(JSON.stringify(manifest, null, 2))]);
  } catch (error) {
    throw cacheWriteError(cacheDir, error);
  }
  return { path: modelPath, manifest, rewritten: true };
}
