import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerpt, formatDuration, formatMargin, shortEncoderName, svgFileName } from '../../../webview/view-model/format';

describe('panel formats', () => {
  it('writes durations in ms below a second and seconds above', () => {
    assert.deepEqual([0, 3.4, 999.4, 1250, 12_345, 250_000].map(formatDuration), ['0 ms', '3 ms', '999 ms', '1.25 s', '12.3 s', '250 s']);
    assert.equal(formatDuration(Number.NaN), '–');
    assert.equal(formatDuration(-1), '–');
  });

  it('writes margins with two decimals', () => {
    assert.equal(formatMargin(0.4567), '0.46');
    assert.equal(formatMargin(Number.POSITIVE_INFINITY), '–');
  });

  it('names an encoder by the last part of its hub id or folder', () => {
    assert.equal(shortEncoderName('Xenova/bert-base-uncased'), 'bert-base-uncased');
    assert.equal(shortEncoderName('/work/shared/models/tiny-gpt2/'), 'tiny-gpt2');
    assert.equal(shortEncoderName('C:\\models\\tiny-bert'), 'tiny-bert');
    assert.equal(shortEncoderName('gpt2'), 'gpt2');
  });

  it('shortens text to one line without cutting an emoji in half', () => {
    assert.equal(excerpt('  two\n lines  ', 20), 'two lines');
    const cut = excerpt('ab😀😀😀😀', 4);
    assert.equal(cut, 'ab…');
    assert.ok(!/[\ud800-\udfff]/.test(cut.replace(/😀/g, '')), 'a lone surrogate is left');
    assert.ok(excerpt('x'.repeat(200), 80).length <= 80);
  });

  it('makes safe SVG file names from encoder and strategy names', () => {
    assert.equal(svgFileName('tiny-gpt2', 'last+mlp', 'alpha'), 'probe-lens-tiny-gpt2-last-mlp-alpha.svg');
    assert.equal(svgFileName('Ünïcode / ../x', ''), 'probe-lens-unicode-x.svg');
    assert.equal(svgFileName(), 'probe-lens.svg');
  });
});
