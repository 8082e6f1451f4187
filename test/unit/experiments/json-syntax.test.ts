import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { jsonErrorOffset, positionAt } from '../../../src/core/json-syntax';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

test('jsonErrorOffset agrees with JSON.parse on what is valid', () => {
  fc.assert(
    fc.property(fc.json(), (text) => jsonErrorOffset(text) === undefined),
    { numRuns: 300 },
  );
  // Mangled JSON: sometimes still valid, mostly not; the scanner must say the same as the parser.
  const mangled = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', '"', ':', 'x', '\\', '\n', '01', '-', '1e', 'tru')).map(([text, at, insert]) => {
    const cut = at % (text.length + 1);
    return text.slice(0, cut) + insert + text.slice(cut + (at % 3 === 0 ? 1 : 0));
  });
  fc.assert(
    fc.property(mangled, (text) => {
      const offset = jsonErrorOffset(text);
      if (parses(text)) return offset === undefined;
      return offset !== undefined && offset >= 0 && offset <= text.length;
    }),
    { numRuns: 2000 },
  );
});

test('jsonErrorOffset points at the first wrong character', () => {
  assert.equal(jsonErrorOffset('{"a": x}'), 6);
  assert.equal(jsonErrorOffset('{"a": 1,}'), 8);
  assert.equal(jsonErrorOffset('{"a": 1'), 7);
  assert.equal(jsonErrorOffset('[1, 2] 3'), 7);
  assert.equal(jsonErrorOffset('"tab\there"'), 4);
  assert.equal(jsonErrorOffset(''), 0);
  assert.equal(jsonErrorOffset(`${'['.repeat(5000)}${']'.repeat(5000)}`), undefined, 'too deep to tell: no position, no stack overflow');
});

test('positionAt counts lines and columns from 1', () => {
  assert.deepEqual(positionAt('ab\ncd\n', 0), { line: 1, column: 1 });
  assert.deepEqual(positionAt('ab\ncd\n', 4), { line: 2, column: 2 });
  assert.deepEqual(positionAt('ab\ncd\n', 6), { line: 3, column: 1 });
});
