import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Encoder, EncoderIdentity, HiddenStates } from '../../encoders/types';
import { ProbeLensError, throwIfCancelled } from '../../errors';
import { joinWords } from '../../ner/words';
import { wordTokenRows } from '../../ner/align';
import { copyRows } from './feature-rows';
import type { FeatureKind, FeatureRows, FeatureSet, FeatureSource } from './features';
import { floatsToHalves, halvesToFloats } from './float16';

/** Bumped whenever the file layout or what is kept changes, so old caches are not misread. */
const FORMAT_VERSION = 1;
const FEATURES_FILE = 'features.f16';
const META_FILE = 'meta.json';
const DEFAULT_MEMORY_BUDGET = 1024 ** 3;

export interface FeatureCacheOptions {
  /** Where cached features live: one folder per (encoder, dataset, kind). */
  cacheDir: string;
  /** Bytes of float32 features to hold in memory; a larger set is read from disk one minibatch at a time. */
  memoryBudgetBytes?: number;
  /** Texts per encoder call. */
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface CachedFeatureSet extends FeatureSet {
  /** The cache folder's name: a hash of the encoder fingerprint, the dataset and the kind. */
  readonly key: string;
  /** True when the features were read from an existing cache rather than extracted now. */
  readonly reused: boolean;
  /** Words no token overlapped, represented by a neighbouring token (see wordTokenRows). */
  readonly borrowedWords: number;
}

interface CacheMeta {
  format: number;
  kind: FeatureKind;
  hiddenSize: number;
  numLayers: number;
  rowCounts: number[];
  borrowedWords: number;
  encoder: EncoderIdentity;
}

/**
 * The features of `source` under `encoder`: read from the cache when this encoder has already seen this
 * dataset, otherwise extracted (one encoder pass per text) and cached. Values are stored as float16 and
 * are the float16-rounded values in memory too, so a fresh extraction and a cache hit train identically.
 * The cache folder is written under a temporary name and renamed when complete.
 */
export async function loadOrExtractFeatures(encoder: Encoder, source: FeatureSource, options: FeatureCacheOptions): Promise<CachedFeatureSet> {
  const key = cacheKey(encoder.identity, source);
  const folder = path.join(options.cacheDir, key);
  const budget = options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET;
  const existing = openCache(folder, budget, key);
  if (existing) return existing;
  fs.mkdirSync(options.cacheDir, { recursive: true });
  const temporary = `${folder}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  fs.mkdirSync(temporary);
  try {
    const extracted = await extractToFolder(encoder, source, temporary, budget, options);
    try {
      fs.renameSync(temporary, folder);
    } catch (error) {
      // Another process finished the same cache first: theirs is identical, use it.
      if (!fs.existsSync(path.join(folder, META_FILE))) throw error;
      fs.rmSync(temporary, { recursive: true, force: true });
    }
    return extracted.memory ? memorySet(extracted.meta, extracted.memory, key, false) : diskSet(folder, extracted.meta, key, false);
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}

function cacheKey(identity: EncoderIdentity, source: FeatureSource): string {
  const data = createHash('sha256');
  const items = source.kind === 'sentence-tokens' ? source.texts : source.sentences;
  for (const item of items) data.update(JSON.stringify(item)).update('\n');
  const { fingerprint, family, layers, hiddenSize, dtype } = identity;
  // Every layer of sentence tokens is another cache; the last layer's keeps the key it always had.
  const every = source.kind === 'sentence-tokens' && source.layers === 'all' ? { allLayers: true } : {};
  const description = JSON.stringify({ format: FORMAT_VERSION, kind: source.kind, ...every, fingerprint, family, layers, hiddenSize, dtype, data: data.digest('hex') });
  return createHash('sha256').update(description).digest('hex').slice(0, 32);
}

function keepsEveryLayer(source: FeatureSource): boolean {
  return source.kind === 'word-layers' || source.layers === 'all';
}

function exampleCount(source: FeatureSource): number {
  return source.kind === 'sentence-tokens' ? source.texts.length : source.sentences.length;
}

async function extractToFolder(
  encoder: Encoder,
  source: FeatureSource,
  folder: string,
  budget: number,
  options: FeatureCacheOptions,
): Promise<{ meta: CacheMeta; memory: Float32Array[] | null }> {
  const { hiddenSize, layers } = encoder.identity;
  const total = exampleCount(source);
  const keptLayers = keepsEveryLayer(source) ? Array.from({ length: layers + 1 }, (_, l) => l) : [layers];
  const chunkSize = Math.max(1, options.chunkSize ?? 64);
  const rowCounts: number[] = [];
  let memory: Float32Array[] | null = [];
  let memoryBytes = 0;
  let borrowedWords = 0;
  const fd = fs.openSync(path.join(folder, FEATURES_FILE), 'w');
  try {
    for (let start = 0; start < total; start += chunkSize) {
      throwIfCancelled(options.signal);
      const end = Math.min(total, start + chunkSize);
      const { texts, words } = chunkTexts(source, start, end);
      // Only the kept layers leave the runtime (sentence features need just the last one, unless swept).
      const states = await encoder.encode(texts, { signal: options.signal, layers: keptLayers });
      throwIfCancelled(options.signal);
      states.forEach((state, i) => {
        checkStates(state, encoder.identity, start + i);
        let rows: Int32Array | null = null;
        if (words) {
          const aligned = wordTokenRows(state, words[i]);
          rows = aligned.rows;
          borrowedWords += aligned.borrowed;
        }
        const rowCount = rows ? rows.length : state.tokens.length;
        if (rowCount === 0) {
          const text = state.text.length > 40 ? `${state.text.slice(0, 40)}…` : state.text;
          throw new ProbeLensError(`Example ${start + i + 1} (${JSON.stringify(text)}) has no tokens to take features from; remove it from the data.`, 'data');
        }
        const example = new Float32Array(rowCount * keptLayers.length * hiddenSize);
        copyRows(state, keptLayers, rows, example, 0);
        const halves = new Uint16Array(example.length);
        floatsToHalves(example, halves);
        fs.writeSync(fd, halves);
        rowCounts.push(rowCount);
        if (memory) {
          memoryBytes += example.byteLength;
          if (memoryBytes > budget) {
            memory = null;
          } else {
            halvesToFloats(halves, example);
            memory.push(example);
          }
        }
      });
      options.onProgress?.(end, total);
    }
  } finally {
    fs.closeSync(fd);
  }
  const meta: CacheMeta = {
    format: FORMAT_VERSION,
    kind: source.kind,
    hiddenSize,
    numLayers: keptLayers.length,
    rowCounts,
    borrowedWords,
    encoder: encoder.identity,
  };
  fs.writeFileSync(path.join(folder, META_FILE), JSON.stringify(meta));
  return { meta, memory };
}

function chunkTexts(source: FeatureSource, start: number, end: number): { texts: string[]; words: ReturnType<typeof joinWords>['spans'][] | null } {
  if (source.kind === 'sentence-tokens') return { texts: source.texts.slice(start, end), words: null };
  const joined = source.sentences.slice(start, end).map((sentence) => joinWords(sentence));
  return { texts: joined.map((j) => j.text), words: joined.map((j) => j.spans) };
}

function checkStates(state: HiddenStates, identity: EncoderIdentity, index: number): void {
  if (state.hiddenSize !== identity.hiddenSize || state.numLayers !== identity.layers + 1) {
    throw new Error(`encoder returned ${state.numLayers} layers of ${state.hiddenSize} for example ${index}, identity says ${identity.layers + 1} of ${identity.hiddenSize}`);
  }
}

/** An existing, complete cache folder as a feature set, or undefined when there is none (or it is damaged). */
function openCache(folder: string, budget: number, key: string): CachedFeatureSet | undefined {
  let meta: CacheMeta;
  try {
    meta = JSON.parse(fs.readFileSync(path.join(folder, META_FILE), 'utf8')) as CacheMeta;
  } catch {
    return undefined;
  }
  const values = totalRows(meta) * meta.numLayers * meta.hiddenSize;
  let size: number;
  try {
    size = fs.statSync(path.join(folder, FEATURES_FILE)).size;
  } catch {
    size = -1;
  }
  if (meta.format !== FORMAT_VERSION || size !== values * 2) {
    // Damaged (or from another version): extract again rather than train on wrong numbers.
    fs.rmSync(folder, { recursive: true, force: true });
    return undefined;
  }
  if (values * 4 > budget) return diskSet(folder, meta, key, true);
  const file = fs.readFileSync(path.join(folder, FEATURES_FILE));
  const halves = new Uint16Array(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
  const memory: Float32Array[] = [];
  let offset = 0;
  for (const rows of meta.rowCounts) {
    const length = rows * meta.numLayers * meta.hiddenSize;
    const example = new Float32Array(length);
    halvesToFloats(halves.subarray(offset, offset + length), example);
    memory.push(example);
    offset += length;
  }
  return memorySet(meta, memory, key, true);
}

function totalRows(meta: CacheMeta): number {
  return meta.rowCounts.reduce((a, b) => a + b, 0);
}

/** Common shape of both feature sets: allocates the output and scatters each example's layer blocks into it. */
function readExamples(
  meta: CacheMeta,
  rowCounts: Int32Array,
  examples: ArrayLike<number>,
  wanted: readonly number[] | undefined,
  fetch: (example: number) => Float32Array | Uint16Array,
): FeatureRows {
  const d = meta.hiddenSize;
  const kept = wanted ?? Array.from({ length: meta.numLayers }, (_, l) => l);
  const offsets = new Int32Array(examples.length + 1);
  for (let i = 0; i < examples.length; i++) offsets[i + 1] = offsets[i] + rowCounts[examples[i]];
  const rows = offsets[examples.length];
  const layers = kept.map(() => new Float32Array(rows * d));
  for (let i = 0; i < examples.length; i++) {
    const example = examples[i];
    const block = rowCounts[example] * d;
    const data = fetch(example);
    kept.forEach((l, k) => {
      const part = data.subarray(l * block, (l + 1) * block);
      if (part instanceof Float32Array) layers[k].set(part, offsets[i] * d);
      else halvesToFloats(part, layers[k], offsets[i] * d);
    });
  }
  return { layers, offsets };
}

function baseSet(meta: CacheMeta, key: string, reused: boolean) {
  return {
    kind: meta.kind,
    count: meta.rowCounts.length,
    hiddenSize: meta.hiddenSize,
    numLayers: meta.numLayers,
    rowCounts: Int32Array.from(meta.rowCounts),
    key,
    reused,
    borrowedWords: meta.borrowedWords,
  };
}

function memorySet(meta: CacheMeta, memory: Float32Array[], key: string, reused: boolean): CachedFeatureSet {
  const base = baseSet(meta, key, reused);
  return {
    ...base,
    inMemory: true,
    read: (examples, layers) => readExamples(meta, base.rowCounts, examples, layers, (example) => memory[example]),
    close: () => undefined,
  };
}

function diskSet(folder: string, meta: CacheMeta, key: string, reused: boolean): CachedFeatureSet {
  const base = baseSet(meta, key, reused);
  const exampleValues = (example: number) => base.rowCounts[example] * meta.numLayers * meta.hiddenSize;
  const starts = new Float64Array(base.count + 1);
  for (let i = 0; i < base.count; i++) starts[i + 1] = starts[i] + exampleValues(i);
  let fd: number | null = fs.openSync(path.join(folder, FEATURES_FILE), 'r');
  let buffer = new Uint16Array(0);
  return {
    ...base,
    inMemory: false,
    read: (examples, layers) =>
      readExamples(meta, base.rowCounts, examples, layers, (example) => {
        if (fd === null) throw new Error('feature set is closed');
        const length = exampleValues(example);
        if (buffer.length < length) buffer = new Uint16Array(length);
        const view = buffer.subarray(0, length);
        const bytes = fs.readSync(fd, view, 0, length * 2, starts[example] * 2);
        if (bytes !== length * 2) throw new ProbeLensError(`The feature cache ${folder} is truncated; delete it and run again.`, 'data');
        return view;
      }),
    close: () => {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}
