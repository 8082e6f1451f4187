import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitIntoSegments, type CharRange, type Segment } from '../../../webview/view-model/segments';

/** Segments as [text, covering] pairs: easy to read in a failing assertion. */
function pieces(text: string, segments: Segment[]): [string, number[]][] {
  return segments.map((segment) => [text.slice(segment.start, segment.end), segment.covering]);
}

describe('splitIntoSegments', () => {
  it('tiles the text, gaps included, with no ranges at all', () => {
    assert.deepEqual(pieces('plain text', splitIntoSegments('plain text', [])), [['plain text', []]]);
    assert.deepEqual(splitIntoSegments('', [{ start: 0, end: 0 }]), []);
  });

  it('keeps adjacent ranges apart', () => {
    const text = 'New York City';
    assert.deepEqual(pieces(text, splitIntoSegments(text, [{ start: 0, end: 8 }, { start: 8, end: 13 }])), [
      ['New York', [0]],
      [' City', [1]],
    ]);
  });

  it('splits overlapping and nested ranges where each range starts and ends', () => {
    const text = 'abcdefghij';
    const ranges = [
      { start: 0, end: 6 },
      { start: 4, end: 10 },
      { start: 1, end: 3 },
    ];
    assert.deepEqual(pieces(text, splitIntoSegments(text, ranges)), [
      ['a', [0]],
      ['bc', [0, 2]],
      ['d', [0]],
      ['ef', [0, 1]],
      ['ghij', [1]],
    ]);
  });

  it('merges ranges with the same span into one segment covered by all of them (byte-level tokens of one character)', () => {
    const text = 'I 😀 it';
    const emoji = { start: 2, end: 4 };
    assert.deepEqual(pieces(text, splitIntoSegments(text, [{ start: 0, end: 1 }, emoji, emoji, { start: 5, end: 7 }])), [
      ['I', [0]],
      [' ', []],
      ['😀', [1, 2]],
      [' ', []],
      ['it', [3]],
    ]);
  });

  it('skips empty ranges (special tokens) and clamps ranges that run past the text', () => {
    const text = 'short';
    assert.deepEqual(pieces(text, splitIntoSegments(text, [{ start: 0, end: 0 }, { start: 2, end: 99 }, { start: 5, end: 5 }, { start: -3, end: 1 }])), [
      ['s', [3]],
      ['h', []],
      ['ort', [1]],
    ]);
  });

  it('never cuts a surrogate pair: ranges with an edge inside an emoji grow to cover all of it', () => {
    const text = 'a😀b';
    // Byte-level tokens whose offsets meet after the emoji's first UTF-16 unit.
    assert.deepEqual(pieces(text, splitIntoSegments(text, [{ start: 0, end: 2 }, { start: 2, end: 4 }])), [
      ['a', [0]],
      ['😀', [0, 1]],
      ['b', [1]],
    ]);
  });

  it('skips an empty range even when it sits inside an emoji (a special token placed mid-text)', () => {
    const text = 'a😀';
    assert.deepEqual(pieces(text, splitIntoSegments(text, [{ start: 2, end: 2 }])), [['a😀', []]]);
  });

  it('keeps a ZWJ emoji sequence and a letter with its combining accent whole', () => {
    const family = '👩\u200d👩\u200d👧';
    const text = `${family} e\u0301!`;
    const familyEnd = family.length;
    const segments = splitIntoSegments(text, [{ start: 0, end: 2 }, { start: familyEnd + 1, end: familyEnd + 2 }]);
    assert.deepEqual(pieces(text, segments), [
      [family, [0]],
      [' ', []],
      ['e\u0301', [1]],
      ['!', []],
    ]);
  });

  it('cuts CJK and right-to-left text at the ranges given, in logical order', () => {
    const cjk = '東京に行きました';
    assert.deepEqual(pieces(cjk, splitIntoSegments(cjk, [{ start: 0, end: 2 }])), [
      ['東京', [0]],
      ['に行きました', []],
    ]);
    const hebrew = 'שלום עולם';
    assert.deepEqual(pieces(hebrew, splitIntoSegments(hebrew, [{ start: 5, end: 9 }])), [
      ['שלום ', []],
      ['עולם', [0]],
    ]);
  });

  it('tiles any text with any ranges: segments in order, nothing lost, each covered by exactly the ranges over it', () => {
    const textArb = fc.string({ unit: fc.constantFrom('a', ' ', '😀', 'é', 'e\u0301', '東', 'ש', '\n', '👩\u200d👧'), maxLength: 30 });
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.record({ start: fc.integer({ min: -2, max: 70 }), end: fc.integer({ min: -2, max: 70 }) }), { maxLength: 8 }),
        (text, ranges: CharRange[]) => {
          const segments = splitIntoSegments(text, ranges);
          assert.equal(segments.map((s) => text.slice(s.start, s.end)).join(''), text);
          segments.forEach((segment, i) => {
            assert.ok(segment.start < segment.end);
            if (i > 0) assert.equal(segment.start, segments[i - 1].end);
            // Every range whose (clamped) span touches this segment's interior covers the whole segment.
            ranges.forEach((range, index) => {
              const start = Math.max(0, range.start);
              const end = Math.min(text.length, range.end);
              const overlaps = start < end && start < segment.end && end > segment.start;
              assert.equal(segment.covering.includes(index), overlaps, `range ${index} [${range.start}, ${range.end}) and segment [${segment.start}, ${segment.end})`);
            });
            // No edge inside a grapheme cluster.
            const clusters = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((c) => c.index);
            assert.ok(clusters.includes(segment.start), `segment starts at ${segment.start}, inside a grapheme cluster`);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
