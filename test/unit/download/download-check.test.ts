import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_DATASETS, fileSourceFor } from '../../../src/core/data/catalogue';
import { checkDownloadedFile } from '../../../src/core/data/download-check';
import { ProbeLensError } from '../../../src/core/errors';
import { DATA_DIR } from '../../shared-path';

const { sst2, conll2003, wnut17 } = DEFAULT_DATASETS;
const shared = (relative: string) => readFile(path.join(DATA_DIR, ...relative.split('/')));
const utf8 = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'));

function rejects(fn: () => unknown, fragment: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ProbeLensError);
    assert.equal(error.code, 'download');
    assert.ok(error.message.includes(fragment), error.message);
    return true;
  });
}

describe('checkDownloadedFile', () => {
  it('accepts every file of the shared data folder, which has the layout and content of the published files', async () => {
    for (const spec of Object.values(DEFAULT_DATASETS)) {
      for (const file of spec.files) checkDownloadedFile(await shared(file.path), spec, file, file.path);
    }
  });

  it('rejects an HTML page by its content type even when it does not start with a tag', () => {
    rejects(() => checkDownloadedFile(utf8('Moved'), sst2, sst2.files[1], 'u', 'text/html; charset=utf-8'), 'HTML page');
  });

  it('rejects empty, binary and non-UTF-8 responses', () => {
    rejects(() => checkDownloadedFile(new Uint8Array(0), sst2, sst2.files[1], 'u'), 'empty');
    rejects(() => checkDownloadedFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), sst2, sst2.files[1], 'u'), 'binary');
    rejects(() => checkDownloadedFile(new Uint8Array([0x61, 0xff, 0x62]), sst2, sst2.files[1], 'u'), 'not UTF-8');
  });

  it('rejects a TSV with another header, naming what it found', async () => {
    const body = utf8('label\tsentence\n1\tgood\n');
    rejects(() => checkDownloadedFile(body, sst2, sst2.files[1], 'u'), 'the first line is "label\tsentence"');
  });

  it('rejects the wrong dataset by its labels: WNUT-17 served for CoNLL-2003', async () => {
    const wnutTrain = await shared(wnut17.files[0].path);
    const asConllDev = { ...conll2003.files[1], items: 1 };
    rejects(() => checkDownloadedFile(wnutTrain, conll2003, asConllDev, 'u'), 'its labels are corporation, creative-work');
  });

  it('passes the reader error on, with its line, for a file that does not parse', () => {
    rejects(() => checkDownloadedFile(utf8('EU NNP\nrejects VBZ I-VP O\n'), conll2003, conll2003.files[1], 'mirror/eng.testa'), 'mirror/eng.testa:1:');
  });
});

describe('the default dataset catalogue', () => {
  it('uses the layout of the shared data folder and https sources', async () => {
    for (const spec of Object.values(DEFAULT_DATASETS)) {
      assert.deepEqual(spec.files.map((file) => file.split), ['train', 'dev']);
      for (const file of spec.files) {
        assert.ok(file.path.startsWith(`${spec.name}/`), file.path);
        await readFile(path.join(DATA_DIR, ...file.path.split('/'))); // exists in ../shared/data
        assert.match(file.source.url, /^https:\/\//);
      }
    }
  });

  it('fetches from <base>/<path> when a base URL is set, with or without a trailing slash', () => {
    for (const base of ['http://mirror.local/data', 'http://mirror.local/data/']) {
      assert.deepEqual(fileSourceFor(sst2.files[0], base), { kind: 'file', url: 'http://mirror.local/data/sst2/train.tsv' });
    }
    assert.equal(fileSourceFor(sst2.files[0], undefined), sst2.files[0].source);
  });
});
