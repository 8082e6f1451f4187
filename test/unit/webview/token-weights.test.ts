import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Token } from '../../../src/core/encoders/types';
import { tokenWeightView, weightStep, WEIGHT_STEPS } from '../../../webview/view-model/token-weights';

function token(text: string, start: number, end: number, special = false): Token {
  return { id: 0, text, start, end, special };
}

describe('tokenWeightView', () => {
  it('leaves special tokens out of the text and reports their weight apart', () => {
    const text = 'good film';
    const tokens = [token('[CLS]', 0, 0, true), token('good', 0, 4), token('film', 5, 9), token('[SEP]', 9, 9, true)];
    const view = tokenWeightView(text, tokens, [0.1, 0.6, 0.2, 0.1]);
    assert.deepEqual(
      view.segments.map((s) => [text.slice(s.start, s.end), s.tokens, s.weight]),
      [
        ['good', [1], 0.6],
        [' ', [], 0],
        ['film', [2], 0.2],
      ],
    );
    assert.ok(Math.abs(view.specialWeight - 0.2) < 1e-12);
    // The heaviest piece is drawn strongest, the others relative to it.
    assert.deepEqual(view.segments.map((s) => s.strength), [1, 0, 0.2 / 0.6]);
  });

  it('adds up the byte-level tokens that share one character (an emoji split into byte tokens)', () => {
    const text = 'so 😀';
    const tokens = [token('so', 0, 2), token('Ġ', 2, 3), token('ðŁĺ', 3, 5), token('Ģ', 3, 5)];
    const view = tokenWeightView(text, tokens, [0.2, 0.1, 0.3, 0.4]);
    const emoji = view.segments.find((s) => text.slice(s.start, s.end) === '😀');
    assert.ok(emoji);
    assert.deepEqual(emoji.tokens, [2, 3]);
    assert.ok(Math.abs(emoji.weight - 0.7) < 1e-12);
    assert.equal(emoji.strength, 1);
  });

  it('keeps GPT-2 tokens that carry their leading space, with CJK and right-to-left text', () => {
    const text = '東京 שלום';
    const tokens = [token('æĿ±', 0, 1), token('äº¬', 1, 2), token('Ġ×©', 2, 4), token('×ľ×ķ×Ŀ', 4, 7)];
    const view = tokenWeightView(text, tokens, [0.1, 0.2, 0.3, 0.4]);
    assert.deepEqual(view.segments.map((s) => text.slice(s.start, s.end)), ['東', '京', ' ש', 'לום']);
    assert.equal(view.specialWeight, 0);
  });

  it('draws nothing for non-finite weights and refuses weights that do not match the tokens', () => {
    const view = tokenWeightView('ab', [token('a', 0, 1), token('b', 1, 2)], [Number.NaN, 0.5]);
    assert.deepEqual(view.segments.map((s) => s.weight), [0, 0.5]);
    assert.throws(() => tokenWeightView('ab', [token('a', 0, 1)], [0.5, 0.5]), /2 token weights for 1 tokens/);
  });
});

describe('weightStep', () => {
  it('maps strengths to the stylesheet steps: none only for no weight, the full step for the heaviest', () => {
    assert.equal(weightStep(0), 0);
    assert.equal(weightStep(Number.NaN), 0);
    assert.equal(weightStep(1e-6), 1);
    assert.equal(weightStep(0.5), WEIGHT_STEPS / 2);
    assert.equal(weightStep(1), WEIGHT_STEPS);
    assert.equal(weightStep(3), WEIGHT_STEPS);
  });
});
