import assert from 'node:assert/strict';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadEncoder } from '../../../src/core/encoders/load-encoder';
import { hubCacheDir } from '../../../src/core/encoders/model/cache-dir';
import { ProbeLensError } from '../../../src/core/errors';
import { SHARED_DIR, TINY_GPT2 } from '../../shared-path';
import { familyFixtures } from './family-fixtures';
import { maxAbsDiffArrays, tempDir } from './helpers';

const ORG = 'probe-lens-test';
const MODELS = path.join(SHARED_DIR, 'models');

/** Serves a folder of models (../shared/models) as the hub does: /<org>/<name>/resolve/<revision>/<file>. */
function startHub(requests: string[], root = MODELS): Promise<Server> {
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const match = /^\/([^/]+)\/([^/]+)\/resolve\/[^/]+\/(.+)$/.exec(request.url ?? '');
    const file = match && match[1] === ORG ? path.join(root, match[2], decodeURIComponent(match[3])) : undefined;
    if (!file || !file.startsWith(root + path.sep) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end('Entry not found');
      return;
    }
    response.writeHead(200, { 'content-length': statSync(file).size, 'content-type': 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

const isError = (code: string, pattern: RegExp) => (error: unknown) =>
  error instanceof ProbeLensError && error.code === code && pattern.test(error.message);

describe('loading by hub id from a hub on 127.0.0.1', () => {
  const cacheDir = tempDir();
  const id = `${ORG}/${path.basename(TINY_GPT2)}`;
  const requests: string[] = [];
  let server: Server;
  let remoteHost: string;
  before(async () => {
    server = await startHub(requests);
    remoteHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => (server.listening ? stop(server) : undefined));

  const sample = 'The hub path works offline.';

  test('downloads into the cache, loads, then loads again from the cache with the server stopped', async () => {
    const fromHub = await loadEncoder(id, { cacheDir, remoteHost, threads: 1 });
    const [online] = await fromHub.encode([sample]);
    await fromHub.dispose();
    assert.equal(fromHub.identity.name, id);
    assert.ok(requests.some((r) => r.endsWith('/onnx/model.onnx')), requests.join('\n'));
    assert.ok(existsSync(path.join(hubCacheDir(cacheDir), ORG, 'tiny-gpt2', 'onnx', 'model.onnx')));

    await stop(server);
    const requestsBefore = requests.length;
    for (const offline of [false, true]) {
      const cached = await loadEncoder(id, { cacheDir, remoteHost, offline, threads: 1 });
      const [again] = await cached.encode([sample]);
      await cached.dispose();
      assert.equal(cached.identity.fingerprint, fromHub.identity.fingerprint);
      again.layers.forEach((layer, l) => assert.equal(maxAbsDiffArrays(layer, online.layers[l]), 0));
    }
    assert.equal(requests.length, requestsBefore, 'no request once cached');

    const fromFolder = await loadEncoder(TINY_GPT2, { cacheDir, threads: 1 });
    assert.equal(fromFolder.identity.fingerprint, fromHub.identity.fingerprint);
    await fromFolder.dispose();
  });

  test('offline, a model that is not in the cache is a clear error', async () => {
    await assert.rejects(
      loadEncoder(`${ORG}/tiny-bert-uncased`, { cacheDir, offline: true }),
      isError('model-not-found', /not in the cache .* offline mode is on/),
    );
  });

  test('a models root is searched before the hub', async () => {
    const encoder = await loadEncoder('models/tiny-bert-uncased', { cacheDir, modelsRoot: SHARED_DIR, offline: true });
    assert.equal(encoder.identity.family, 'bert');
    await encoder.dispose();
  });
});

describe('a hub model whose weights are beside its graph (external data)', () => {
  test('downloads the external-data file the graph names, and loads', async () => {
    const requests: string[] = [];
    const server = await startHub(requests, await familyFixtures());
    try {
      const remoteHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const encoder = await loadEncoder(`${ORG}/llama-external`, { cacheDir: tempDir(), remoteHost, threads: 1 });
      const [states] = await encoder.encode(['Weights beside the graph.']);
      await encoder.dispose();
      assert.ok(requests.some((r) => r.endsWith('/onnx/model.onnx_data')), requests.join('\n'));
      assert.equal(states.numLayers, 3);
    } finally {
      await stop(server);
    }
  });
});

describe('hub errors', () => {
  const cacheDir = tempDir();
  let server: Server;
  let remoteHost: string;
  before(async () => {
    server = await startHub([]);
    remoteHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => stop(server));

  test('an id the hub does not have', async () => {
    await assert.rejects(
      loadEncoder(`${ORG}/no-such-model`, { cacheDir, remoteHost }),
      isError('model-not-found', /config\.json was not found on the hub/),
    );
  });

  test('a hub that cannot be reached', async () => {
    await assert.rejects(
      loadEncoder(`${ORG}/tiny-gpt2`, { cacheDir, remoteHost: 'http://127.0.0.1:1/' }),
      isError('model-not-found', /Could not download config\.json/),
    );
  });
});
