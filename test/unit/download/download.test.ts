import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_DATASETS, type DatasetSpec } from '../../../src/core/data/catalogue';
import { readConllFile } from '../../../src/core/data/conll-reader';
import { ensureDataset, type DownloadProgress } from '../../../src/core/data/download';
import { readSentimentFile } from '../../../src/core/data/sentiment-reader';
import { ProbeLensError } from '../../../src/core/errors';
import { DATA_DIR } from '../../shared-path';
import { startDataServer, type DataServer } from './data-server';
import { buildZip } from './zip-fixture';

async function tempCache(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'probe-lens-datasets-'));
}

/** Every file under a folder, relative paths: the cache must hold nothing but complete files. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

function sharedFile(relative: string): Promise<Buffer> {
  return fs.readFile(path.join(DATA_DIR, ...relative.split('/')));
}

/** Asserts a ProbeLensError with the code and every fragment in its message. */
async function rejectsWith(promise: Promise<unknown>, code: string, ...fragments: (string | RegExp)[]): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ProbeLensError, `expected a ProbeLensError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    for (const fragment of fragments) {
      if (typeof fragment === 'string') assert.ok(error.message.includes(fragment), `"${fragment}" not in: ${error.message}`);
      else assert.match(error.message, fragment);
    }
    return true;
  });
}

describe('ensureDataset against a local server', () => {
  let server: DataServer;
  before(async () => {
    server = await startDataServer();
  });
  after(async () => {
    await server.close();
  });

  it('downloads every default dataset in the data layout, byte for byte, with progress', async () => {
    const cacheDir = await tempCache();
    for (const spec of Object.values(DEFAULT_DATASETS)) {
      const progress: DownloadProgress[] = [];
      const files = await ensureDataset(spec.name as keyof typeof DEFAULT_DATASETS, {
        cacheDir,
        baseUrl: `${server.baseUrl}/data/`,
        onProgress: (event) => progress.push(event),
      });
      assert.deepEqual(files.downloaded, spec.files.map((file) => file.path));
      for (const [file, local] of [[spec.files[0], files.train], [spec.files[1], files.dev]] as const) {
        assert.equal(local, path.join(cacheDir, ...file.path.split('/')));
        assert.ok((await fs.readFile(local)).equals(await sharedFile(file.path)), `${file.path} differs from the source`);
        const events = progress.filter((event) => event.file === file.path);
        const size = (await fs.stat(local)).size;
        assert.equal(events.at(-1)?.receivedBytes, size);
        assert.equal(events.at(-1)?.totalBytes, size);
        assert.ok(events.every((event, i) => i === 0 || event.receivedBytes >= events[i - 1].receivedBytes));
      }
    }
    // The downloaded files are what the readers expect.
    const conll = await readConllFile(path.join(cacheDir, 'conll2003', 'eng.testa'));
    assert.equal(conll.scheme, 'iob1');
    assert.equal(conll.sentences.length, DEFAULT_DATASETS.conll2003.files[1].items);
    const sst2 = await readSentimentFile(path.join(cacheDir, 'sst2', 'dev.tsv'));
    assert.equal(sst2.examples.length, DEFAULT_DATASETS.sst2.files[1].items);
    assert.deepEqual((await filesUnder(cacheDir)).sort(), Object.values(DEFAULT_DATASETS).flatMap((spec) => spec.files.map((file) => path.join(...file.path.split('/')))).sort());

    // The second call is served from the cache: no request, even with the server gone.
    const stopped = await startDataServer();
    await stopped.close();
    const requestsBefore = server.requests.length;
    const again = await ensureDataset('wnut17', { cacheDir, baseUrl: `${stopped.baseUrl}/data` });
    assert.deepEqual(again.downloaded, []);
    assert.equal(again.dev, path.join(cacheDir, 'wnut17', 'emerging.dev.conll'));
    assert.equal(server.requests.length, requestsBefore);
    // Offline mode is fine once cached.
    assert.deepEqual((await ensureDataset('sst2', { cacheDir, offline: true })).downloaded, []);
  });

  it('follows redirects', async () => {
    const cacheDir = await tempCache();
    const files = await ensureDataset('wnut17', { cacheDir, baseUrl: `${server.baseUrl}/redirect` });
    assert.ok((await fs.readFile(files.train)).equals(await sharedFile('wnut17/wnut17train.conll')));
  });

  it('offline with nothing cached says what to download and which setting to use', async () => {
    const cacheDir = await tempCache();
    await rejectsWith(
      ensureDataset('conll2003', { cacheDir, offline: true }),
      'download',
      'offline mode is on',
      'conll2003/eng.train, conll2003/eng.testa',
      DEFAULT_DATASETS.conll2003.files[0].source.url,
      'point the training data settings at local train and dev files',
    );
    assert.deepEqual(await filesUnder(cacheDir), []);
  });

  it('a 404 names the status and the URL and caches nothing', async () => {
    const cacheDir = await tempCache();
    await rejectsWith(
      ensureDataset('sst2', { cacheDir, baseUrl: `${server.baseUrl}/nowhere` }),
      'download',
      'HTTP 404',
      `${server.baseUrl}/nowhere/sst2/train.tsv`,
      'data layout',
    );
    assert.deepEqual(await filesUnder(cacheDir), []);
  });

  it('rejects an HTML page served with status 200', async () => {
    const cacheDir = await tempCache();
    await rejectsWith(ensureDataset('sst2', { cacheDir, baseUrl: `${server.baseUrl}/html` }), 'download', 'HTML page', 'sst2/train.tsv');
    assert.deepEqual(await filesUnder(cacheDir), []);
  });

  it('rejects a truncated file that arrives complete as far as HTTP can tell', async () => {
    const cacheDir = await tempCache();
    await rejectsWith(
      ensureDataset('conll2003', { cacheDir, baseUrl: `${server.baseUrl}/short` }),
      'download',
      /it has \d+ sentences where the published file has 14041: the download is incomplete/,
    );
    assert.deepEqual(await filesUnder(cacheDir), []);
  });

  it('rejects a download whose connection drops before the declared length', async () => {
    const cacheDir = await tempCache();
    await rejectsWith(
      ensureDataset('sst2', { cacheDir, baseUrl: `${server.baseUrl}/cut` }),
      'download',
      `${server.baseUrl}/cut/sst2/train.tsv`,
      /broke off after \d+ bytes|stopped after \d+ of \d+ bytes/,
    );
    assert.deepEqual(await filesUnder(cacheDir), []);
  });

  it('cancels mid-download and leaves nothing in the cache', async () => {
    const cacheDir = await tempCache();
    const controller = new AbortController();
    let received = 0;
    await rejectsWith(
      ensureDataset('sst2', {
        cacheDir,
        baseUrl: `${server.baseUrl}/stall`,
        signal: controller.signal,
        onProgress: (event) => {
          received = event.receivedBytes;
          controller.abort();
        },
      }),
      'cancelled',
    );
    assert.ok(received > 0, 'the download had started');
    assert.deepEqual(await filesUnder(cacheDir), []);
  });

  it('gives up on a stalled server after the idle timeout', async () => {
    const cacheDir = await tempCache();
    await rejectsWith(
      ensureDataset('sst2', { cacheDir, baseUrl: `${server.baseUrl}/stall`, idleTimeoutMs: 200 }),
      'download',
      /No data from .* for 0.2 s after \d+ bytes/,
    );
    assert.deepEqual(await filesUnder(cacheDir), []);
  });

  it('reports a server that cannot be reached', async () => {
    const gone = await startDataServer();
    await gone.close();
    await rejectsWith(ensureDataset('wnut17', { cacheDir: await tempCache(), baseUrl: gone.baseUrl }), 'download', 'Could not download', 'connection refused');
  });

  it('extracts both files of an archive source from one download, after checking its sha256', async () => {
    const train = await sharedFile('sst2/train.tsv');
    const dev = await sharedFile('sst2/dev.tsv');
    const archive = buildZip([
      { name: 'SST-2/dev.tsv', content: dev, deflate: true },
      { name: 'SST-2/original/README.txt', content: Buffer.from('unrelated entry\n'), deflate: false },
      { name: 'SST-2/train.tsv', content: train, deflate: true },
    ]);
    server.blobs.set('SST-2.zip', archive);
    const url = `${server.baseUrl}/blob/SST-2.zip`;
    const sha256 = createHash('sha256').update(archive).digest('hex');
    const withArchive = (digest: string): DatasetSpec => ({
      ...DEFAULT_DATASETS.sst2,
      files: [
        { ...DEFAULT_DATASETS.sst2.files[0], source: { kind: 'zip', url, bytes: archive.length, sha256: digest, entry: 'SST-2/train.tsv' } },
        { ...DEFAULT_DATASETS.sst2.files[1], source: { kind: 'zip', url, bytes: archive.length, sha256: digest, entry: 'SST-2/dev.tsv' } },
      ],
    });

    const cacheDir = await tempCache();
    const before = server.requests.length;
    const files = await ensureDataset(withArchive(sha256), { cacheDir });
    assert.equal(server.requests.length - before, 1, 'one request for both files');
    assert.ok((await fs.readFile(files.train)).equals(train));
    assert.ok((await fs.readFile(files.dev)).equals(dev));

    const otherCache = await tempCache();
    await rejectsWith(ensureDataset(withArchive('0'.repeat(64)), { cacheDir: otherCache }), 'download', 'not the published archive');
    assert.deepEqual(await filesUnder(otherCache), []);
  });

  it('refuses a base URL that is not http(s) and an unknown dataset name', async () => {
    const cacheDir = await tempCache();
    await rejectsWith(ensureDataset('sst2', { cacheDir, baseUrl: 'ftp://mirror/data' }), 'bad-input', 'not an http(s) URL');
    await rejectsWith(ensureDataset('imdb' as 'sst2', { cacheDir }), 'bad-input', 'sst2, conll2003, wnut17');
  });
});
