import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProbeLensError } from '../../errors';

/**
 * Hub downloads go through @huggingface/transformers' own hub code (`getModelFile`: remote host and path
 * template, auth headers, atomic writes into its file cache). The package does not export that function from
 * its entry point, and its public loaders (AutoModel.from_pretrained) would build a whole inference session
 * just to fetch a file, so this adapter imports the library's hub module by file path. It is the only file
 * that knows about that internal path.
 *
 * The cache layout is the library's FileCache: <cacheDir>/<org>/<name>/<file> for the main revision, so a
 * model downloaded here is a plain model folder, and transformers.js can share the same cache folder.
 * Models roots (local folders per hub id) are resolved before this adapter is asked, in resolve.ts.
 */

interface HubEnv {
  remoteHost: string;
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
}

interface DownloadProgress {
  status: string;
  progress?: number;
}

type GetModelFile = (
  id: string,
  file: string,
  fatal: boolean,
  options: { cache_dir?: string; progress_callback?: (progress: DownloadProgress) => void },
  returnPath: boolean,
) => Promise<string | Uint8Array | null>;

interface HubModule {
  env: HubEnv;
  defaultRemoteHost: string;
  getModelFile: GetModelFile;
}

let hubModule: Promise<HubModule> | undefined;

function libraryFile(relative: string): string {
  const entry = require.resolve('@huggingface/transformers');
  return pathToFileURL(path.join(path.dirname(path.dirname(entry)), relative)).href;
}

function loadHub(): Promise<HubModule> {
  hubModule ??= (async () => {
    // The hub code reads its settings from the env module it imports; import that same module instance.
    const hub = (await import(libraryFile('src/utils/hub.js'))) as { getModelFile: GetModelFile };
    const envModule = (await import(libraryFile('src/env.js'))) as { env: HubEnv };
    return { env: envModule.env, defaultRemoteHost: envModule.env.remoteHost, getModelFile: hub.getModelFile };
  })();
  return hubModule;
}

export interface HubSettings {
  cacheDir: string;
  offline: boolean;
  /** Hub server; default $HF_ENDPOINT, else the library's (https://huggingface.co/). */
  remoteHost?: string;
  onProgress?: (message: string) => void;
}

/** A hub id as the Hub accepts it: `name` or `org/name`, no path tricks. */
export function isHubId(id: string): boolean {
  return /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/.test(id) && !id.includes('..');
}

/** Where the library's file cache keeps a file of a hub model (main revision). */
export function cachedPath(id: string, file: string, cacheDir: string): string {
  return path.join(cacheDir, ...id.split('/'), ...file.split('/'));
}

function progressReporter(id: string, file: string, settings: HubSettings) {
  const report = settings.onProgress;
  if (!report) return undefined;
  let lastDecile = -1;
  return (progress: DownloadProgress) => {
    if (progress.status !== 'progress' || progress.progress === undefined) return;
    const decile = Math.floor(progress.progress / 10);
    if (decile === lastDecile) return;
    lastDecile = decile;
    report(`Downloading ${id}/${file}: ${Math.round(progress.progress)}%`);
  };
}

/**
 * The local path of one file of a hub model, downloading it into the cache when missing (unless offline).
 * Returns undefined when the file does not exist (on the hub or, offline, in the cache).
 */
export async function hubFile(id: string, file: string, settings: HubSettings): Promise<string | undefined> {
  // Checked here first: the library's cache lookup opens a read stream over the whole file (hundreds of MB).
  const cached = cachedPath(id, file, settings.cacheDir);
  if (existsSync(cached)) return cached;
  if (settings.offline) return undefined;

  const { env, defaultRemoteHost, getModelFile } = await loadHub();
  const host = settings.remoteHost ?? process.env.HF_ENDPOINT ?? defaultRemoteHost;
  env.remoteHost = host.endsWith('/') ? host : `${host}/`;
  env.allowRemoteModels = true;
  // Local folders are resolved before the hub is asked; the library must not look in its own models/ folder.
  env.allowLocalModels = false;
  try {
    const options = { cache_dir: settings.cacheDir, progress_callback: progressReporter(id, file, settings) };
    const result = await getModelFile(id, file, false, options, true);
    if (result === null) return undefined;
    return existsSync(cached) ? cached : undefined;
  } catch (error) {
    throw new ProbeLensError(
      `Could not download ${file} of ${id} from ${env.remoteHost}: ${(error as Error).message}. ` +
        'Check the connection, or use offline mode with a model folder or models root.',
      'model-not-found',
    );
  }
}
