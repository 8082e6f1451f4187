import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { cacheRoot } from '../encoders/model/cache-dir';
import { writeFileAtomic } from '../encoders/taps/atomic-write';
import { ProbeLensError, throwIfCancelled } from '../errors';
import { datasetSpec, fileSourceFor, type DatasetFileSpec, type DatasetSpec, type DefaultDatasetName } from './catalogue';
import { checkDownloadedFile } from './download-check';
import { fetchBody } from './download-http';
import { readZipEntry } from './download-zip';

export interface DownloadProgress {
  dataset: string;
  /** What is being fetched: a file of the layout ("sst2/train.tsv") or the archive holding it. */
  file: string;
  url: string;
  receivedBytes: number;
  /** When the server declared a length. */
  totalBytes?: number;
}

export interface EnsureDatasetOptions {
  /** The folder downloaded datasets are kept in, in the data layout (<cacheDir>/sst2/train.tsv, ...). */
  cacheDir: string;
  /** A mirror serving the data layout: every file is fetched from <baseUrl>/<path> instead of its public source. */
  baseUrl?: string;
  /** Never touch the network: only the cache is used. */
  offline?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Give up on a download after this long without data. Default 30 s. */
  idleTimeoutMs?: number;
}

export interface DatasetFiles {
  name: string;
  task: DatasetSpec['task'];
  train: string;
  dev: string;
  /** The layout paths fetched by this call; empty when everything came from the cache. */
  downloaded: string[];
}

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
// The largest default file (the SST-2 zip) is 7.4 MB; anything far beyond is not one of ours.
const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

/** Where downloaded datasets live under Probe Lens' cache folder (see cacheRoot): <root>/datasets. */
export function datasetCacheDir(cacheDir?: string): string {
  return path.join(cacheRoot(cacheDir), 'datasets');
}

/**
 * The local train and dev files of a default dataset (or of a spec in the same form): from the cache when
 * present — no network I/O then — else downloaded (unless offline), checked (see checkDownloadedFile) and
 * written atomically, so the cache never holds a partial or unchecked file.
 */
export async function ensureDataset(
  dataset: DefaultDatasetName | DatasetSpec,
  options: EnsureDatasetOptions,
): Promise<DatasetFiles> {
  const spec = typeof dataset === 'string' ? datasetSpec(dataset) : dataset;
  const cacheDir = path.resolve(options.cacheDir);
  const baseUrl = options.baseUrl === undefined ? undefined : checkBaseUrl(options.baseUrl);
  const local = (file: DatasetFileSpec) => path.join(cacheDir, ...file.path.split('/'));
  const missing = spec.files.filter((file) => !existsSync(local(file)));

  if (missing.length > 0 && options.offline) throw offlineError(spec, missing, cacheDir, baseUrl);
  const downloaded: string[] = [];
  // Files from one archive share a single download.
  for (const group of groupBySource(missing, baseUrl)) {
    throwIfCancelled(options.signal);
    const contents = await fetchGroup(spec, group, options, baseUrl);
    for (const [file, bytes] of contents) {
      await writeFileAtomic(local(file), [bytes]);
      downloaded.push(file.path);
    }
  }
  const [train, dev] = spec.files;
  return { name: spec.name, task: spec.task, train: local(train), dev: local(dev), downloaded };
}

type SourceGroup = { url: string; files: DatasetFileSpec[] };

function groupBySource(files: DatasetFileSpec[], baseUrl: string | undefined): SourceGroup[] {
  const groups = new Map<string, SourceGroup>();
  for (const file of files) {
    const { url } = fileSourceFor(file, baseUrl);
    const group = groups.get(url) ?? { url, files: [] };
    group.files.push(file);
    groups.set(url, group);
  }
  return [...groups.values()];
}

/** Downloads one source and returns the checked contents of each of its files. */
async function fetchGroup(
  spec: DatasetSpec,
  group: SourceGroup,
  options: EnsureDatasetOptions,
  baseUrl: string | undefined,
): Promise<Array<[DatasetFileSpec, Uint8Array]>> {
  const source = fileSourceFor(group.files[0], baseUrl);
  const label = source.kind === 'zip' ? path.posix.basename(new URL(source.url).pathname) : group.files[0].path;
  const body = await fetchBody(source.url, {
    signal: options.signal,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    maxBytes: MAX_DOWNLOAD_BYTES,
    onBytes: (receivedBytes, totalBytes) =>
      options.onProgress?.({ dataset: spec.name, file: label, url: source.url, receivedBytes, totalBytes }),
  });
  throwIfCancelled(options.signal);

  if (source.kind === 'file') {
    checkDownloadedFile(body.bytes, spec, group.files[0], source.url, body.contentType);
    return [[group.files[0], body.bytes]];
  }
  const sha256 = createHash('sha256').update(body.bytes).digest('hex');
  if (body.bytes.length !== source.bytes || sha256 !== source.sha256) {
    throw new ProbeLensError(
      `${source.url} is not the published archive (${body.bytes.length} bytes, sha256 ${sha256}; expected ` +
        `${source.bytes} bytes, sha256 ${source.sha256}). Try again, or set a mirror base URL serving the ` +
        `data layout (${group.files.map((file) => file.path).join(', ')}).`,
      'download',
    );
  }
  return group.files.map((file) => {
    const entry = fileSourceFor(file, baseUrl);
    if (entry.kind !== 'zip') throw new Error(`${file.path}: expected an archive source`);
    const bytes = readZipEntry(body.bytes, entry.entry, source.url);
    checkDownloadedFile(bytes, spec, file, `${source.url}#${entry.entry}`);
    return [file, bytes];
  });
}

function checkBaseUrl(baseUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ProbeLensError(
      `The dataset base URL "${baseUrl}" is not an http(s) URL. Give the address of a mirror serving the data ` +
        'layout, e.g. https://example.org/probe-lens-data (with sst2/train.tsv under it).',
      'bad-input',
    );
  }
  return baseUrl;
}

function offlineError(
  spec: DatasetSpec,
  missing: DatasetFileSpec[],
  cacheDir: string,
  baseUrl: string | undefined,
): ProbeLensError {
  const sources = [...new Set(missing.map((file) => fileSourceFor(file, baseUrl).url))];
  return new ProbeLensError(
    `${spec.title} is not downloaded yet (missing in ${cacheDir}: ${missing.map((file) => file.path).join(', ')}) ` +
      'and offline mode is on. Turn offline mode off to download it ' +
      `(from ${sources.join(', ')}), or point the training data settings at local train and dev files ` +
      `(or copy the files to ${cacheDir} in that layout).`,
    'download',
  );
}
