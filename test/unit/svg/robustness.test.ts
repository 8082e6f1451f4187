import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { barChart, heatmap, lineChart, probabilityBars } from '../../../src/core/svg';
import { parseSvg } from './parse-svg';

/** Any number a caller might hand over: NaN, ±Infinity, -0, huge, tiny, ordinary. */
const anyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 1e300, -1e300, 1e-300, Number.MIN_VALUE),
  fc.double({ min: -10, max: 10, noNaN: true }),
);
/** Labels with markup characters, XML-forbidden controls, lone surrogates, emoji and CJK. */
const anyLabel = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('<&>"\'', '\u0000\u0007\u001f', '\ud800 lone', 'end \udfff', '東京 🤗', '\ufffe\uffff', ''),
);

/** Well-formed XML (strict parser) with no NaN, Infinity or forbidden characters, whatever the input. */
function assertSound(svg: string): void {
  parseSvg(svg);
  assert.doesNotMatch(svg, /NaN|Infinity/);
  assert.doesNotMatch(svg, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/); // eslint-disable-line no-control-regex
  assert.doesNotMatch(svg, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
}

const RUNS = { numRuns: 150 };

describe('charts on arbitrary input', () => {
  it('lineChart', () => {
    const point = fc.record({ x: anyNumber, y: anyNumber, std: fc.option(anyNumber, { nil: undefined }) });
    const series = fc.array(fc.record({ name: anyLabel, points: fc.array(point, { maxLength: 6 }) }), { maxLength: 8 });
    fc.assert(
      fc.property(anyLabel, series, fc.boolean(), fc.option(fc.tuple(anyNumber, anyNumber), { nil: undefined }), (title, all, logX, yDomain) => {
        assertSound(lineChart({ title, xLabel: 'x', yLabel: 'y', series: all, logX, yDomain: yDomain as [number, number] | undefined }));
      }),
      RUNS,
    );
  });

  it('barChart', () => {
    fc.assert(
      fc.property(anyLabel, fc.array(fc.tuple(anyLabel, anyNumber), { maxLength: 20 }), (title, bars) => {
        assertSound(barChart({ title, labels: bars.map(([label]) => label), values: bars.map(([, value]) => value), yLabel: 'v' }));
      }),
      RUNS,
    );
  });

  it('heatmap', () => {
    const shape = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }));
    fc.assert(
      fc.property(
        shape.chain(([rows, columns]) =>
          fc.record({
            rows: fc.array(anyLabel, { minLength: rows, maxLength: rows }),
            columns: fc.array(anyLabel, { minLength: columns, maxLength: columns }),
            values: fc.array(fc.array(anyNumber, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
          }),
        ),
        fc.option(fc.tuple(anyNumber, anyNumber), { nil: undefined }),
        (grid, domain) => {
          assertSound(heatmap({ title: 't', ...grid, domain: domain as [number, number] | undefined, valueLabel: 'α' }));
        },
      ),
      RUNS,
    );
  });

  it('probabilityBars', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ label: anyLabel, probability: anyNumber }), { maxLength: 8 }), (items) => {
        assertSound(probabilityBars({ title: 'p', items }));
      }),
      RUNS,
    );
  });
});
