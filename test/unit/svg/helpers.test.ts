import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeXml } from '../../../src/core/svg/escape';
import { px, textWidth, truncate } from '../../../src/core/svg/markup';
import { formatNumber, formatPercent, tickFormatter } from '../../../src/core/svg/number-format';
import { fixedScale, linearScale, logScale, plottable } from '../../../src/core/svg/scale';
import { parseSvg } from './parse-svg';

describe('escapeXml', () => {
  it('escapes markup characters so text and attribute values parse back to the original', () => {
    const original = `<a href="x">Tom & 'Jerry'</a> ]]>`;
    assert.equal(escapeXml(original), '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; ]]&gt;');
    const parsed = parseSvg(`<svg label="${escapeXml(original)}">${escapeXml(original)}</svg>`);
    assert.equal(parsed.attributes.label, original);
    assert.equal(parsed.text, original);
  });

  it('replaces characters XML forbids and keeps everything else, emoji and CJK included', () => {
    assert.equal(escapeXml('a\u0000b\u0007c\u001fd'), 'a\ufffdb\ufffdc\ufffdd');
    assert.equal(escapeXml('tab\tnew\nret\r'), 'tab\tnew\nret\r');
    assert.equal(escapeXml('lone \ud800 and \udc00'), 'lone \ufffd and \ufffd');
    assert.equal(escapeXml('\ufffe\uffff'), '\ufffd\ufffd');
    assert.equal(escapeXml('東京 🤗 مرحبا'), '東京 🤗 مرحبا');
  });
});

describe('number formatting', () => {
  it('writes short labels, never NaN or -0', () => {
    const cases: Array<[number, string]> = [
      [0, '0'],
      [-0, '0'],
      [42, '42'],
      [0.125, '0.125'],
      [0.3333333, '0.333'],
      [1.5, '1.5'],
      [9999, '9999'],
      [14041, '14k'],
      [67349, '67.3k'],
      [2_500_000, '2.5M'],
      [0.00012, '1.2e-4'],
      [Number.NaN, '–'],
      [Infinity, '–'],
    ];
    for (const [value, expected] of cases) assert.equal(formatNumber(value), expected, String(value));
  });

  it('gives ticks the decimals their step needs', () => {
    assert.deepEqual([0, 0.05, 0.1, 0.15].map(tickFormatter(0.05)), ['0', '0.05', '0.10', '0.15']);
    assert.deepEqual([-0.2, 0, 0.2].map(tickFormatter(0.2)), ['-0.2', '0', '0.2']);
    assert.deepEqual([0, 500, 1000].map(tickFormatter(500)), ['0', '500', '1000']);
  });

  it('writes probabilities as percentages', () => {
    assert.equal(formatPercent(0.8734), '87.3%');
    assert.equal(formatPercent(1), '100.0%');
    assert.equal(formatPercent(Number.NaN), '–');
    assert.equal(formatPercent(1e307), '–');
  });
});

describe('scales', () => {
  it('a linear scale starts and ends on 1-2-5 ticks around the data', () => {
    const scale = linearScale(0.13, 0.87, [100, 0]);
    assert.deepEqual(scale.domain, [0, 1]);
    assert.deepEqual(scale.ticks, [0, 0.2, 0.4, 0.6, 0.8, 1]);
    assert.equal(scale.map(0), 100);
    assert.equal(scale.map(0.5), 50);
  });

  it('a zero-width domain is widened instead of dividing by zero', () => {
    for (const value of [0, 0.7, -3, 1e-320]) {
      const scale = linearScale(value, value, [0, 100]);
      assert.ok(scale.domain[0] < value && value < scale.domain[1], String(value));
      assert.ok(Number.isFinite(scale.map(value)));
    }
  });

  it('a fixed scale keeps its exact domain', () => {
    const scale = fixedScale(0, 1, [0, 100]);
    assert.deepEqual(scale.domain, [0, 1]);
    assert.equal(scale.map(1), 100);
  });

  it('a log scale spaces equal ratios equally, ticks on 1, 2, 5 × 10^k', () => {
    const scale = logScale(50, 5000, [0, 100]);
    assert.ok(Math.abs(scale.map(500) - scale.map(50) - (scale.map(5000) - scale.map(500))) < 1e-9);
    assert.deepEqual(scale.ticks, [50, 100, 200, 500, 1000, 2000, 5000]);
    const single = logScale(100, 100, [0, 100]);
    assert.equal(single.map(100), 50);
  });

  it('treats huge values like NaN', () => {
    assert.ok(plottable(1e15) && plottable(-3) && !plottable(1e16) && !plottable(Number.NaN) && !plottable(undefined));
  });
});

describe('markup helpers', () => {
  it('writes coordinates with at most two decimals and refuses NaN', () => {
    assert.equal(px(12.3456), '12.35');
    assert.equal(px(-0.001), '0');
    assert.throws(() => px(Number.NaN), /coordinate is NaN/);
  });

  it('estimates widths (wide characters count double) and truncates with an ellipsis', () => {
    assert.equal(textWidth('abcde', 10), 30);
    assert.equal(textWidth('東京', 10), 20);
    assert.equal(truncate('short', 100, 10), 'short');
    const cut = truncate('a-very-long-token-indeed', 60, 10);
    assert.ok(cut.endsWith('…') && textWidth(cut, 10) <= 60, cut);
  });
});
