import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { WorkerClient, WorkerError } from '../../../src/extension/worker-client';
import type { RuntimeOptions, TagRequest, WorkerProgress } from '../../../src/worker/protocol';

/**
 * A stand-in worker speaking the protocol: texts[0] of a tag request picks what it does.
 *   echo      answers with the request and runtime it got
 *   progress  reports two progress events, then answers
 *   notice    sends a notice (no request id), then answers
 *   hang      never answers (until cancelled: then it records the id and fails it as cancelled)
 *   cancelled answers with the ids it was asked to cancel
 *   throw     fails the request as an internal error
 *   crash     throws outside any request: the thread dies
 */
const STAND_IN = `
const { parentPort } = require('node:worker_threads');
const cancelled = [];
parentPort.on('message', (message) => {
  if (message.type === 'cancel') {
    cancelled.push(message.id);
    parentPort.postMessage({ type: 'failed', id: message.id, error: { code: 'cancelled', message: 'Cancelled.' } });
    return;
  }
  const { id, runtime, request } = message;
  switch (request.texts[0]) {
    case 'echo': return parentPort.postMessage({ type: 'done', id, value: { request, runtime } });
    case 'progress':
      parentPort.postMessage({ type: 'progress', id, progress: { message: 'one', fraction: 0.5 } });
      parentPort.postMessage({ type: 'progress', id, progress: { message: 'two', fraction: 1 } });
      return parentPort.postMessage({ type: 'done', id, value: 'finished' });
    case 'notice':
      parentPort.postMessage({ type: 'notice', message: 'the heads run in JavaScript' });
      return parentPort.postMessage({ type: 'done', id, value: 'noted' });
    case 'hang': return;
    case 'cancelled': return parentPort.postMessage({ type: 'done', id, value: cancelled });
    case 'throw': return parentPort.postMessage({ type: 'failed', id, error: { code: 'internal', message: 'boom', detail: 'stack' } });
    case 'crash': setTimeout(() => { throw new Error('native runtime went away'); }, 10); return;
  }
});
`;

const folder = mkdtempSync(path.join(os.tmpdir(), 'probe-lens-worker-client-'));
const workerFile = path.join(folder, 'stand-in.js');
writeFileSync(workerFile, STAND_IN);
after(() => rmSync(folder, { recursive: true, force: true }));

const runtime: RuntimeOptions = { cacheDir: '/c', probesRoot: '/p', featuresDir: '/f', offline: true, threads: 1, provider: 'cpu' };
const ask = (behaviour: string): TagRequest => ({ kind: 'tag', texts: [behaviour], encoder: { name: 'e' }, strategy: 's' });

function client(): WorkerClient {
  return new WorkerClient(workerFile, () => runtime);
}

test('a notice from the worker goes to the log and does not disturb the request', async () => {
  const lines: string[] = [];
  const c = new WorkerClient(workerFile, () => runtime, (line) => lines.push(line));
  try {
    assert.equal(await c.request(ask('notice')), 'noted');
    assert.ok(lines.includes('worker: the heads run in JavaScript'), lines.join('\n'));
  } finally {
    await c.dispose();
  }
});

test('the worker starts on the first request, not before, and answers with the runtime options attached', async () => {
  const c = client();
  assert.equal(c.starts, 0);
  assert.equal(c.isRunning, false);
  const answer = (await c.request(ask('echo'))) as unknown as { request: TagRequest; runtime: RuntimeOptions };
  assert.equal(c.starts, 1);
  assert.deepEqual(answer, { request: ask('echo'), runtime });
  await c.request(ask('echo'));
  assert.equal(c.starts, 1, 'a second request reuses the worker');
  await c.dispose();
});

test('progress events reach the caller in order before the answer', async () => {
  const c = client();
  const seen: WorkerProgress[] = [];
  const answer = await c.request(ask('progress'), { onProgress: (p) => seen.push(p) });
  assert.equal(answer as unknown, 'finished');
  assert.deepEqual(seen.map((p) => p.message), ['one', 'two']);
  await c.dispose();
});

test('a failure arrives as a WorkerError with the code, message and detail the worker sent', async () => {
  const c = client();
  await assert.rejects(c.request(ask('throw')), (error: unknown) => {
    assert.ok(error instanceof WorkerError);
    assert.deepEqual([error.code, error.message, error.detail], ['internal', 'boom', 'stack']);
    return true;
  });
  await c.dispose();
});

test('aborting rejects at once as cancelled and tells the worker to stop that request', async () => {
  const c = client();
  const controller = new AbortController();
  const pending = c.request(ask('hang'), { signal: controller.signal });
  controller.abort();
  await assert.rejects(pending, (error: unknown) => error instanceof WorkerError && error.code === 'cancelled');
  const cancelled = (await c.request(ask('cancelled'))) as unknown as number[];
  assert.equal(cancelled.length, 1);
  await assert.rejects(c.request(ask('echo'), { signal: AbortSignal.abort() }), /Cancelled/);
  await c.dispose();
});

test('a crash fails the requests in flight with a clear message, and the next request starts a new worker', async () => {
  const c = client();
  const waiting = c.request(ask('hang'));
  await assert.rejects(c.request(ask('crash')), (error: unknown) => {
    assert.ok(error instanceof WorkerError);
    assert.equal(error.code, 'crashed');
    assert.match(error.message, /stopped unexpectedly \(native runtime went away\)\. The next request starts it again/);
    return true;
  });
  await assert.rejects(waiting, (error: unknown) => error instanceof WorkerError && error.code === 'crashed');
  assert.equal(c.isRunning, false);
  assert.deepEqual(((await c.request(ask('echo'))) as unknown as { runtime: RuntimeOptions }).runtime, runtime);
  assert.equal(c.starts, 2);
  await c.dispose();
});

test('dispose stops the worker; requests in flight and later ones fail as cancelled', async () => {
  const c = client();
  const waiting = c.request(ask('hang')).catch((error: unknown) => error);
  await c.dispose();
  const error = await waiting;
  assert.ok(error instanceof WorkerError && error.code === 'cancelled', String(error));
  await assert.rejects(c.request(ask('echo')), /shutting down/);
  assert.equal(c.isRunning, false);
});

test('a missing worker file is reported as a crash of that request, not thrown at the caller', async () => {
  const c = new WorkerClient(path.join(folder, 'missing.js'), () => runtime);
  await assert.rejects(c.request(ask('echo')), (error: unknown) => error instanceof WorkerError && error.code === 'crashed');
  await c.dispose();
});
