import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { contextIn, planWindows, planWindowSpans } from '../../../src/core/encoders/encode/windows';

describe('window spans', () => {
  test('a text that fits is one window', () => {
    assert.deepEqual(planWindowSpans(5, 8), [{ start: 0, end: 5 }]);
    assert.deepEqual(planWindowSpans(0, 8), [{ start: 0, end: 0 }]);
  });

  test('a long text: half-overlapping full windows, the last one ending at the text end', () => {
    assert.deepEqual(planWindowSpans(20, 8), [
      { start: 0, end: 8 },
      { start: 4, end: 12 },
      { start: 8, end: 16 },
      { start: 12, end: 20 },
    ]);
    assert.deepEqual(planWindowSpans(10, 8), [
      { start: 0, end: 8 },
      { start: 2, end: 10 },
    ]);
  });

  test('any length and capacity: full windows that cover the text in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 64 }), (count, capacity) => {
        const windows = planWindowSpans(count, capacity);
        assert.equal(windows[0].start, 0);
        assert.equal(windows[windows.length - 1].end, count);
        for (const [i, w] of windows.entries()) {
          assert.equal(w.end - w.start, Math.min(count, capacity));
          if (i > 0) {
            assert.ok(w.start > windows[i - 1].start);
            assert.ok(w.start <= windows[i - 1].end, 'no gap between windows');
          }
        }
      }),
    );
  });
});

describe('which window a token takes its vectors from', () => {
  test('causal: the earliest window containing the token (the longest left context)', () => {
    const { owner } = planWindows(20, 8, true);
    assert.deepEqual([...owner], [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  });

  test('bidirectional: the window where the nearer truncating edge is farthest', () => {
    // Windows [0,8) [4,12) [8,16) [12,20). Token 5: in window 0 its right context is 2, in window 1 its left
    // context is 1 -> window 0. Token 6: right 1 in window 0, left 2 in window 1 -> window 1.
    const { owner } = planWindows(20, 8, false);
    assert.deepEqual([...owner], [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3]);
  });

  test('the chosen window has at least as much context as every other window holding the token', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (count, capacity, causal) => {
          const { windows, owner } = planWindows(count, capacity, causal);
          for (let i = 0; i < count; i++) {
            const chosen = windows[owner[i]];
            assert.ok(i >= chosen.start && i < chosen.end, `token ${i} outside its window`);
            const best = contextIn(i, chosen, count, causal);
            for (const w of windows) {
              if (i >= w.start && i < w.end) assert.ok(contextIn(i, w, count, causal) <= best);
            }
          }
        },
      ),
    );
  });
});
