import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { loadProbe } from '../../../src/core/heads/probe/store';
import { DATA_DIR, TINY_BERT } from '../../shared-path';
import { cli, tempDir } from './run-cli';

const cacheDir = tempDir();
const SST2 = path.join(DATA_DIR, 'sst2');

function trainArgs(out: string): string[] {
  const data = ['--train', path.join(SST2, 'train.tsv'), '--dev', path.join(SST2, 'dev.tsv'), '--limit', '40'];
  return ['train', '-m', TINY_BERT, '--task', 'sentiment', ...data, '--heads', 'mean,weighted', '--out', out, '--cache-dir', cacheDir];
}

/** Everything under `dir`, so a leftover temporary folder would show. */
function listing(dir: string): string[] {
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort() : [];
}

describe('Ctrl-C during training (an aborted signal)', () => {
  test('mid-epoch of the first head: exit 130, "Cancelled.", and no probe folder at all', async () => {
    const out = path.join(tempDir(), 'probes');
    const interrupt = new AbortController();
    const run = await cli(trainArgs(out), {
      signal: interrupt.signal,
      onStatus: (text) => {
        if (text.includes('epoch')) interrupt.abort();
      },
    });
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /Cancelled\.\n$/);
    assert.ok(run.status.some((line) => line.includes('head 1/2 mean · epoch 1/')), run.status.join('\n'));
    assert.deepEqual(listing(out), []);
    assert.equal(run.stdout, '');
  });

  test('after the first probe is saved: that one is complete and loads, the next was never written', async () => {
    const out = path.join(tempDir(), 'probes');
    const interrupt = new AbortController();
    const run = await cli(trainArgs(out), {
      signal: interrupt.signal,
      onNote: (text) => {
        if (text.includes('mean probe saved')) interrupt.abort();
      },
    });
    assert.equal(run.code, 130, run.stderr);
    assert.deepEqual(listing(out), ['sentiment-mean', path.join('sentiment-mean', 'config.json'), path.join('sentiment-mean', 'weights.safetensors')]);
    assert.equal(loadProbe(path.join(out, 'sentiment-mean')).config.strategy, 'mean');
  });

  test('while compare --train-missing trains: exit 130 and only complete probes', async () => {
    const cache = tempDir();
    const interrupt = new AbortController();
    const run = await cli(
      ['compare', '-m', TINY_BERT, '--train-missing', '--data-dir', DATA_DIR, '--few-shot', '12', '--pooling', 'mean', '--fusion', 'dwatt', '--cache-dir', cache, 'Hello there'],
      {
        signal: interrupt.signal,
        onStatus: (text) => {
          if (text.includes('dwatt · epoch')) interrupt.abort();
        },
      },
    );
    assert.equal(run.code, 130, run.stderr);
    const root = path.join(cache, 'probes');
    const [encoderFolder] = fs.readdirSync(root);
    assert.deepEqual(fs.readdirSync(path.join(root, encoderFolder)), ['sentiment-mean']);
  });
});
