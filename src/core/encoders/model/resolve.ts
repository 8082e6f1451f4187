import { existsSync, promises as fs, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProbeLensError } from '../../errors';
import { readCompactModel } from '../onnx/compact-model';
import { externalFiles, graphDtype } from '../onnx/graph-facts';
import { readOnnxGraph } from '../onnx/graph';
import { MalformedMessageError } from '../onnx/wire';
import { notComplete } from '../taps/tapped-model';
import type { Dtype, LoadOptions } from '../types';
import { hubCacheDir } from './cache-dir';
import { readModelConfig, type ModelConfig } from './config';
import { cachedPath, hubFile, isHubId, type HubSettings } from './hub';
import { GENAI_CONFIG, interpretOnnxPath, isGenaiFolder, offeredDtypes, onnxCandidates } from './onnx-file';

/** A model located on disk: its folder (config + tokenizer) and the ONNX file to run. */
export interface ResolvedModel {
  /** As the user gave it: hub id or absolute path. */
  name: string;
  folder: string;
  onnxPath: string;
  dtype: Dtype;
  config: ModelConfig;
}

// Top-level files: each lands in the same cache folder, which then reads like a local model folder.
const REQUIRED_HUB_FILES = ['config.json', 'tokenizer.json'];
const OPTIONAL_HUB_FILES = ['tokenizer_config.json'];

/** Without a dtype asked for: full precision when the export has it, else the fastest on a CPU first. */
const FALLBACK_ORDER: readonly Dtype[] = ['fp32', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'fp16', 'q4f16'];

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

async function statKind(p: string): Promise<'file' | 'folder' | undefined> {
  try {
    const stat = await fs.stat(p);
    return stat.isDirectory() ? 'folder' : 'file';
  } catch {
    return undefined;
  }
}

function mergedHint(folder: string): string {
  const onnxDir = path.join(folder, 'onnx');
  const merged = existsSync(onnxDir) && readdirSync(onnxDir).some((f) => f.includes('_merged'));
  return merged ? ' (decoder_model_merged.onnx is there, but a merged decoder cannot be tapped)' : '';
}

function offersLine(offered: readonly Dtype[]): string {
  return offered.length > 0
    ? `The model offers ${offered.join(', ')}: pick one of these (probeLens.dtype, --dtype).`
    : 'Export the model with Optimum.';
}

/** The model's graph with its weights left out (a few MB whatever the model's size). */
async function compactGraph(file: string) {
  try {
    return readOnnxGraph(await readCompactModel(file));
  } catch (error) {
    if (error instanceof MalformedMessageError) throw notComplete(file, error);
    throw error;
  }
}

/** The dtype an onnxruntime-genai export was built in, read from its graph. */
async function genaiDtype(file: string): Promise<Dtype> {
  return graphDtype(await compactGraph(file));
}

async function fromGenaiFolder(name: string, folder: string, config: ModelConfig, requested: Dtype | undefined): Promise<ResolvedModel> {
  const onnxPath = path.join(folder, 'model.onnx');
  if (!existsSync(onnxPath)) {
    throw new ProbeLensError(`${folder} has ${GENAI_CONFIG} but no model.onnx beside it.`, 'model-not-found');
  }
  const dtype = await genaiDtype(onnxPath);
  if (requested && requested !== dtype) {
    throw new ProbeLensError(
      `${folder} is an onnxruntime-genai export in ${dtype}, one precision per folder; ${requested} was asked for. ${offersLine([dtype])}`,
      'model-not-found',
    );
  }
  return { name, folder, onnxPath, dtype, config };
}

async function fromFolder(name: string, folder: string, requested: Dtype | undefined): Promise<ResolvedModel> {
  const config = await readModelConfig(folder);
  if (isGenaiFolder(folder)) return fromGenaiFolder(name, folder, config, requested);
  const offered = offeredDtypes(folder, config.family);
  const dtype = requested ?? FALLBACK_ORDER.find((d) => offered.includes(d)) ?? 'fp32';
  const candidates = onnxCandidates(config.family, dtype);
  const found = candidates.find((c) => existsSync(path.join(folder, c)));
  if (!found) {
    throw new ProbeLensError(
      `No ${dtype} ONNX file in ${folder}: looked for ${candidates.join(', ')}${mergedHint(folder)}. ${offersLine(offered)}`,
      'model-not-found',
    );
  }
  return { name, folder, onnxPath: path.join(folder, found), dtype, config };
}

async function fromOnnxFile(name: string, file: string, requested: Dtype | undefined): Promise<ResolvedModel> {
  const { folder, dtype } = interpretOnnxPath(file);
  if (!dtype) return fromGenaiFolder(name, folder, await readModelConfig(folder), requested);
  if (requested && requested !== dtype) {
    throw new ProbeLensError(`${file} is a ${dtype} model, but dtype ${requested} was asked for.`, 'bad-input');
  }
  const config = await readModelConfig(folder);
  return { name, folder, onnxPath: file, dtype, config };
}

/** Downloads the external-data files the graph names (model.onnx_data, ...), beside it. */
async function hubExternalData(id: string, onnxFile: string, onnxPath: string, settings: HubSettings): Promise<void> {
  for (const location of externalFiles(await compactGraph(onnxPath))) {
    if (location === path.basename(onnxPath)) continue;
    const file = path.posix.join(path.posix.dirname(onnxFile), location);
    if (!(await hubFile(id, file, settings))) {
      throw new ProbeLensError(`${id}: ${file}, the weights of ${onnxFile}, is not on the hub nor in the cache.`, 'model-not-found');
    }
  }
}

async function fromHub(id: string, requested: Dtype | undefined, options: LoadOptions): Promise<ResolvedModel> {
  const settings: HubSettings = {
    cacheDir: hubCacheDir(options.cacheDir),
    offline: options.offline ?? false,
    remoteHost: options.remoteHost,
    onProgress: options.onProgress,
  };
  const missing = (file: string) =>
    new ProbeLensError(
      settings.offline
        ? `${id}: ${file} is not in the cache (${settings.cacheDir}) and offline mode is on. Turn offline mode off ` +
          'to download the model, or put its folder under the models root.'
        : `${id}: ${file} was not found on the hub. Check the model id and the dtype.`,
      'model-not-found',
    );
  let folder = '';
  for (const file of REQUIRED_HUB_FILES) {
    const local = await hubFile(id, file, settings);
    if (!local) throw missing(file);
    folder = path.dirname(local);
  }
  for (const file of OPTIONAL_HUB_FILES) await hubFile(id, file, settings);
  const config = await readModelConfig(folder);
  const dtype = requested ?? 'fp32';
  const candidates = onnxCandidates(config.family, dtype);
  // A model already in the cache loads without the network, even when a preferred file was never downloaded.
  const cached = candidates.find((c) => existsSync(cachedPath(id, c, settings.cacheDir)));
  for (const candidate of cached ? [cached] : candidates) {
    const onnxPath = await hubFile(id, candidate, settings);
    if (!onnxPath) continue;
    await hubExternalData(id, candidate, onnxPath, settings);
    return { name: id, folder, onnxPath, dtype, config };
  }
  throw missing(candidates.join(' or '));
}

/**
 * Finds a model given as a folder, an .onnx file inside one, or a hub id (models root first, then the hub cache,
 * then the hub unless offline).
 */
export async function resolveModel(model: string, options: LoadOptions = {}): Promise<ResolvedModel> {
  const given = model.trim();
  if (given === '') throw new ProbeLensError('No model given: pass a hub id or a model folder.', 'bad-input');
  const local = path.resolve(expandHome(given));
  const kind = await statKind(local);
  if (kind === 'file') return fromOnnxFile(local, local, options.dtype);
  if (kind === 'folder') return fromFolder(local, local, options.dtype);
  const notFound = new ProbeLensError(
    `${local} does not exist. Give an existing model folder or a hub id.`,
    'model-not-found',
  );
  if (given.endsWith('.onnx')) {
    interpretOnnxPath(local); // a merged decoder gets its own message even when the path is wrong
    throw notFound;
  }
  if (!isHubId(given)) throw notFound;
  if (options.modelsRoot) {
    const underRoot = path.join(path.resolve(expandHome(options.modelsRoot)), ...given.split('/'));
    if ((await statKind(underRoot)) === 'folder') return fromFolder(given, underRoot, options.dtype);
  }
  return fromHub(given, options.dtype, options);
}

