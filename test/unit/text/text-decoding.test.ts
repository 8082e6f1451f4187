import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { printable } from '../../../src/cli/printable';
import { ProbeLensError } from '../../../src/core/errors';
import { decodeText, looksBinary } from '../../../src/core/text-decoding';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
const refusedAs = (input: Uint8Array, pattern: RegExp) =>
  assert.throws(() => decodeText(input, 'in.tsv', 'data'), (error: unknown) => error instanceof ProbeLensError && error.code === 'data' && pattern.test(error.message));

test('UTF-8 with or without a byte-order mark, and UTF-16 with one, are read', () => {
  assert.equal(decodeText(bytes('café ☕ 😀'), 'in'), 'café ☕ 😀');
  assert.equal(decodeText(bytes([0xef, 0xbb, 0xbf], 'café'), 'in'), 'café');
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('café 😀\n', 'utf16le')]), 'in'), 'café 😀\n');
  const be = Buffer.from('café', 'utf16le').swap16();
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'in'), 'café');
  assert.equal(decodeText(new Uint8Array(0), 'in'), '');
});

test('text in another encoding is named by line and byte, never turned into U+FFFD', () => {
  refusedAs(Buffer.from('sentence\tlabel\na\t1\nb\t0\nun caf\xe9\t1\n', 'latin1'), /^in\.tsv: not UTF-8: line 4 byte 7 \(0xe9\)/);
  refusedAs(bytes('ok\n', [0xc3, 0x28], ' broken pair'), /line 2 byte 1 \(0xc3\)/);
  refusedAs(bytes('an overlong slash: ', [0xe0, 0x80, 0xaf]), /line 1 byte 20/);
  refusedAs(bytes('a surrogate in UTF-8: ', [0xed, 0xa0, 0x80]), /line 1 byte 23/);
});

test('binary data is refused: NUL bytes, mostly invalid bytes, or many control characters', () => {
  refusedAs(bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), /this looks like binary data/);
  refusedAs(Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + (i % 100))), /this looks like binary data/);
  refusedAs(bytes('\u0001\u0002\u0003'.repeat(20), 'a'.repeat(100)), /this looks like binary data/);
  refusedAs(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('\u0000\u0000\u0000 zip', 'utf16le')]), /this looks like binary data/);
});

test('prose in any script is text; NULs, invalid UTF-8 and control bytes are binary', () => {
  for (const text of ['plain words\n\ttabbed', 'Emoji 😀👍🏽 مرحبا بالعالم 你好，世界 שלום', '', 'form\ffeed']) {
    assert.equal(looksBinary(text), false, JSON.stringify(text));
  }
  assert.equal(looksBinary('PK\u0003\u0004\u0000\u0000 zip header'), true);
  assert.equal(looksBinary('\uFFFD\uFFFDELF\uFFFD\uFFFD and some letters'), true);
  assert.equal(looksBinary(`${'\u0001\u0002\u0003'.repeat(20)}${'a'.repeat(200)}`), true);
  // A stray replacement character in a long text is a bad byte, not a binary file.
  assert.equal(looksBinary(`${'word '.repeat(200)}\uFFFD`), false);
});

test('printable: every character a terminal would act on is written as its escape; the rest is untouched', () => {
  assert.equal(printable('a\u001b[31mb\u0007c\u0000d\re\u009bf\u202eg\u007fh'), 'a\\u001b[31mb\\u0007c\\u0000d\\u000de\\u009bf\\u202eg\\u007fh');
  assert.equal(printable('tabs\tand\nnewlines, café 😀 \u200d'), 'tabs\tand\nnewlines, café 😀 \u200d');
  assert.equal(printable('a,b\r\nc,d\r\n\re'), 'a,b\r\nc,d\r\n\\u000de', "CSV's CRLF line ends are kept; a lone CR is not");
  const json = JSON.stringify({ text: 'x\u009by\u202ez' });
  assert.deepEqual(JSON.parse(printable(json)), { text: 'x\u009by\u202ez' }, 'JSON stays valid and means the same');
});
