import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fc from 'fast-check';
import { chunkText } from '../../../src/extension/text/chunks';
import { paragraphAround } from '../../../src/extension/text/paragraph';

const lines = ['Title', '', 'First line of a paragraph', 'second line', '   ', 'Last paragraph'];
const paragraph = (line: number) => paragraphAround(line, lines.length, (i) => lines[i]);

test('the paragraph around a line is the run of non-blank lines containing it', () => {
  assert.deepEqual(paragraph(0), { startLine: 0, endLine: 0 });
  assert.deepEqual(paragraph(2), { startLine: 2, endLine: 3 });
  assert.deepEqual(paragraph(3), { startLine: 2, endLine: 3 });
  assert.deepEqual(paragraph(5), { startLine: 5, endLine: 5 });
});

test('a blank line (or whitespace only) has no paragraph', () => {
  assert.equal(paragraph(1), undefined);
  assert.equal(paragraph(4), undefined);
  assert.equal(paragraphAround(0, 0, () => ''), undefined);
});

test('chunks cover the text in order, each within the limit, cut at line ends where there are some', () => {
  const text = 'line one\nline two is longer\nthree\n';
  const chunks = chunkText(text, 20);
  assert.deepEqual(chunks.map((c) => c.text), ['line one\n', 'line two is longer\n', 'three\n']);
  assert.deepEqual(chunks.map((c) => c.offset), [0, 9, 28]);
  assert.deepEqual(chunkText('', 10), []);
  assert.throws(() => chunkText('abc', 1), RangeError);
});

test('chunks never split a surrogate pair and always rebuild the text exactly (property)', () => {
  const piece = fc.constantFrom('a', ' ', '\n', '😀', '你', 'word', 'مرحبا');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 2, max: 30 }), (parts, maxChars) => {
      const text = parts.join('');
      const chunks = chunkText(text, maxChars);
      assert.equal(chunks.map((c) => c.text).join(''), text);
      let offset = 0;
      for (const chunk of chunks) {
        assert.equal(chunk.offset, offset);
        assert.ok(chunk.text.length > 0 && chunk.text.length <= maxChars);
        const last = chunk.text.charCodeAt(chunk.text.length - 1);
        assert.ok(!(last >= 0xd800 && last <= 0xdbff), 'a chunk ends inside a surrogate pair');
        offset += chunk.text.length;
      }
    }),
  );
});
