import { existsSync, promises as fs, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProbeLensError } from '../../errors';
import type { Dtype, LoadOptions } from '../types';
import { hubCacheDir } from './cache-dir';
import { readModelConfig, type ModelConfig } from './config';
import { cachedPath, hubFile, isHubId, type HubSettings } from './hub';
import { interpretOnnxPath, onnxCandidates } from './onnx-file';

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

async function fromFolder(name: string, folder: string, dtype: Dtype): Promise<ResolvedModel> {
  const config = await readModelConfig(folder);
  const candidates = onnxCandidates(config.family, dtype);
  const found = candidates.find((c) => existsSync(path.join(folder, c)));
  if (!found) {
    throw new ProbeLensError(
      `No ${dtype} ONNX file in ${folder}: looked for ${candidates.join(', ')}${mergedHint(folder)}. ` +
        `Export the model with Optimum, or pick the other dtype.`,
      'model-not-found',
    );
  }
  return { name, folder, onnxPath: path.join(folder, found), dtype, config };
}

async function fromOnnxFile(name: string, file: string, requested: Dtype | undefined): Promise<ResolvedModel> {
  const { folder, dtype } = interpretOnnxPath(file);
  if (requested && requested !== dtype) {
    throw new ProbeLensError(`${file} is a ${dtype} model, but dtype ${requested} was asked for.`, 'bad-input');
  }
  const config = await readModelConfig(folder);
  return { name, folder, onnxPath: file, dtype, config };
}

async function fromHub(id: string, dtype: Dtype, options: LoadOptions): Promise<ResolvedModel> {
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
        : `${id}: ${file} was not found on the hub. Check the model id.`,
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
  const candidates = onnxCandidates(config.family, dtype);
  // A model already in the cache loads without the network, even when a preferred file was never downloaded.
  const cached = candidates.map((c) => cachedPath(id, c, settings.cacheDir)).find((p) => existsSync(p));
  if (cached) return { name: id, folder, onnxPath: cached, dtype, config };
  for (const candidate of candidates) {
    const onnxPath = await hubFile(id, candidate, settings);
    if (onnxPath) return { name: id, folder, onnxPath, dtype, config };
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
  if (kind === 'folder') return fromFolder(local, local, options.dtype ?? 'fp32');
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
    if ((await statKind(underRoot)) === 'folder') return fromFolder(given, underRoot, options.dtype ?? 'fp32');
  }
  return fromHub(given, options.dtype ?? 'fp32', options);
}
