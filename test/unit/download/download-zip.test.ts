import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readZipEntry } from '../../../src/core/data/download-zip';
import { ProbeLensError } from '../../../src/core/errors';
import { buildZip } from './zip-fixture';

const text = (value: string) => Buffer.from(value, 'utf8');
const repeated = text('sentence\tlabel\n' + 'a fine film \t1\n'.repeat(500));

function rejects(fn: () => unknown, fragment: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ProbeLensError);
    assert.equal(error.code, 'download');
    assert.ok(error.message.includes(fragment), error.message);
    return true;
  });
}

describe('readZipEntry', () => {
  const archive = buildZip([
    { name: 'SST-2/stored.txt', content: text('stored as is\n'), deflate: false },
    { name: 'SST-2/train.tsv', content: repeated, deflate: true },
    { name: 'SST-2/ünïcode.txt', content: text('named in UTF-8\n'), deflate: true },
  ]);

  it('reads stored and deflated entries by name', () => {
    assert.equal(Buffer.from(readZipEntry(archive, 'SST-2/stored.txt', 'a.zip')).toString(), 'stored as is\n');
    assert.ok(Buffer.from(readZipEntry(archive, 'SST-2/train.tsv', 'a.zip')).equals(repeated));
    assert.equal(Buffer.from(readZipEntry(archive, 'SST-2/ünïcode.txt', 'a.zip')).toString(), 'named in UTF-8\n');
  });

  it('names the entries it has when the one asked for is missing', () => {
    rejects(() => readZipEntry(archive, 'SST-2/dev.tsv', 'a.zip'), 'no entry SST-2/dev.tsv (its entries: SST-2/stored.txt, SST-2/train.tsv');
  });

  it('detects a damaged entry by its CRC-32', () => {
    const damaged = Buffer.from(archive);
    const at = damaged.indexOf('stored as is');
    damaged[at] ^= 0x20;
    rejects(() => readZipEntry(damaged, 'SST-2/stored.txt', 'a.zip'), 'fails its size or CRC-32 check');
  });

  it('rejects data that is not a zip archive, or is cut short', () => {
    rejects(() => readZipEntry(text('<!DOCTYPE html><html></html>'), 'x', 'page.zip'), 'page.zip is not a usable zip archive');
    rejects(() => readZipEntry(new Uint8Array(0), 'x', 'empty.zip'), 'no end-of-central-directory record');
    rejects(() => readZipEntry(archive.subarray(0, archive.length - 30), 'SST-2/train.tsv', 'cut.zip'), 'cut.zip');
  });
});
