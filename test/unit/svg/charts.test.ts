import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { barChart, heatmap, lineChart, probabilityBars } from '../../../src/core/svg';
import { seriesStyle } from '../../../src/core/svg/frame';
import { byName, parseSvg, texts, type XmlNode } from './parse-svg';

const HOSTILE = `A <b>bold</b> & "quoted" 'label' ]]> <!-- x -->`;

/** Checks what every chart must be: well-formed, accessible, themable, free of NaN. Returns the parsed root. */
function checkChart(svg: string, title: string): XmlNode {
  const root = parseSvg(svg);
  assert.equal(root.name, 'svg');
  assert.equal(root.attributes.xmlns, 'http://www.w3.org/2000/svg');
  assert.equal(root.attributes.role, 'img');
  assert.equal(root.attributes['aria-label'], title);
  assert.equal(root.children[0].name, 'title');
  assert.equal(root.children[0].text, title);
  assert.equal(root.children[1].name, 'desc');
  assert.ok(root.children[1].text.length > 20, 'the description says what the chart shows');
  assert.match(root.attributes.class, /^pl-chart /);
  assert.ok(byName(root, 'style')[0].text.includes('var(--vscode-foreground'), 'theme variables');
  assert.doesNotMatch(svg, /NaN|Infinity|undefined|null/);
  // Characters XML forbids anywhere, which a parser may let through.
  assert.doesNotMatch(svg, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/); // eslint-disable-line no-control-regex
  return root;
}

const num = (node: XmlNode, key: string) => Number(node.attributes[key]);

describe('series styles', () => {
  it('no two of the first 30 series share colour and dash, and the orange and yellow series differ in dash', () => {
    const styles = Array.from({ length: 30 }, (_, i) => seriesStyle(i));
    assert.equal(new Set(styles.map((s) => `${s.color} ${s.dash}`)).size, 30);
    assert.notEqual(styles[1].dash, styles[5].dash);
  });
});

describe('lineChart', () => {
  const sizes = [50, 100, 200, 500];
  const series = [
    { name: 'mean', points: sizes.map((x, i) => ({ x, y: 0.5 + i * 0.1, std: 0.02 })) },
    { name: 'dwatt', points: sizes.map((x, i) => ({ x, y: 0.55 + i * 0.1, std: 0 })) },
  ];

  it('draws one line per series with error bars, markers, ticks on the training sizes and a legend', () => {
    const title = 'F1 vs size';
    const root = checkChart(lineChart({ title, xLabel: 'training sentences', yLabel: 'entity F1', series, logX: true }), title);
    const groups = byName(root, 'g').filter((g) => g.attributes.class?.startsWith('pl-series'));
    // Two plot groups and two legend groups, series i in colour slot i.
    assert.deepEqual(groups.map((g) => g.attributes.class), ['pl-series pl-s0', 'pl-series pl-s1', 'pl-series pl-s0', 'pl-series pl-s1']);
    const [mean, dwatt] = groups;
    assert.equal(byName(mean, 'circle').length, 4);
    // Error bars only where std > 0: a line path plus four bars for "mean", just the line for "dwatt".
    assert.equal(byName(mean, 'path').length, 5);
    assert.equal(byName(dwatt, 'path').length, 1);
    // Log x: equal ratios (50 -> 100 -> 200) are equal distances.
    const cx = byName(mean, 'circle').map((c) => num(c, 'cx'));
    assert.ok(Math.abs(cx[1] - cx[0] - (cx[2] - cx[1])) < 0.05);
    // Higher values are drawn higher (smaller y).
    const cy = byName(mean, 'circle').map((c) => num(c, 'cy'));
    assert.ok(cy[0] > cy[1] && cy[1] > cy[2]);
    const labels = texts(root);
    for (const expected of ['50', '100', '200', '500', 'mean', 'dwatt', 'training sentences', 'entity F1']) {
      assert.ok(labels.includes(expected), `missing text ${expected}`);
    }
    assert.match(byName(mean, 'circle')[0].children[0].text, /^mean: 50 → 0\.5 ± 0\.02$/);
  });

  it('escapes titles, labels and series names', () => {
    const root = checkChart(lineChart({ title: HOSTILE, xLabel: HOSTILE, yLabel: '<y>', series: [{ name: HOSTILE, points: [{ x: 1, y: 2 }] }] }), HOSTILE);
    assert.ok(texts(root).includes(HOSTILE));
    assert.ok(texts(root).includes('<y>'));
  });

  it('handles one point, zero std and all-equal values without NaN', () => {
    checkChart(lineChart({ title: 'one', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [{ x: 100, y: 0.8, std: 0 }] }] }), 'one');
    checkChart(lineChart({ title: 'one log', xLabel: 'x', yLabel: 'y', logX: true, series: [{ name: 's', points: [{ x: 100, y: 0 }] }] }), 'one log');
    const flat = checkChart(
      lineChart({ title: 'flat', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [1, 2, 3].map((x) => ({ x, y: 0.7, std: 0 })) }] }),
      'flat',
    );
    const plotted = byName(flat, 'g')[0];
    assert.equal(new Set(byName(plotted, 'circle').map((c) => c.attributes.cy)).size, 1);
  });

  it('shows a clear "no data" chart for no series, empty series or no drawable point', () => {
    for (const noData of [[], [{ name: 'empty', points: [] }], [{ name: 'bad', points: [{ x: Number.NaN, y: 1 }, { x: 1, y: Infinity }] }]]) {
      const root = checkChart(lineChart({ title: 'Nothing', xLabel: 'x', yLabel: 'y', series: noData }), 'Nothing');
      assert.match(root.attributes.class, /pl-no-data/);
      assert.ok(texts(root).includes('No data to plot.'));
    }
  });

  it('leaves out points it cannot place and says how many', () => {
    const root = checkChart(
      lineChart({ title: 't', xLabel: 'x', yLabel: 'y', logX: true, series: [{ name: 's', points: [{ x: 0, y: 1 }, { x: 10, y: Number.NaN }, { x: 10, y: 1 }, { x: 100, y: 2, std: Number.NaN }] }] }),
      't',
    );
    assert.equal(byName(root, 'circle').length - 1, 2); // two markers, plus one legend swatch
    assert.ok(texts(root).some((line) => line.startsWith('2 points not drawn')));
  });

  it('keeps a fixed y range unless the data (with its error bars) goes beyond it', () => {
    const yTicks = (root: XmlNode) => byName(root, 'text').filter((t) => t.attributes['text-anchor'] === 'end').map((t) => t.text);
    const points = [{ x: 1, y: 0.5 }, { x: 2, y: 0.6 }];
    const fixed = checkChart(lineChart({ title: 'acc', xLabel: 'x', yLabel: 'accuracy', yDomain: [0, 1], series: [{ name: 's', points }] }), 'acc');
    assert.deepEqual(yTicks(fixed), ['0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    const beyond = checkChart(
      lineChart({ title: 'acc', xLabel: 'x', yLabel: 'accuracy', yDomain: [0, 1], series: [{ name: 's', points: [{ x: 1, y: 0.95, std: 0.2 }] }] }),
      'acc',
    );
    // The error bar's top (0.95 + 0.2) stays inside the plot, which starts at y = 40.
    const bar = byName(byName(beyond, 'g')[0], 'path')[0].attributes.d;
    const ys = [...bar.matchAll(/M[\d.]+ ([\d.]+)|V([\d.]+)/g)].map((match) => Number(match[1] ?? match[2]));
    assert.ok(ys.length > 0 && Math.min(...ys) >= 40, bar);
    assert.deepEqual(yTicks(beyond), ['0', '0.5', '1.0']);
  });
});

describe('barChart', () => {
  const labels = ['emb', '1', '2', '3'];

  it('draws one bar per value, heights proportional to the values, values written above', () => {
    const root = checkChart(barChart({ title: 'Layer weights', labels, values: [0.1, 0.2, 0.3, 0.4], xLabel: 'layer', yLabel: 'weight' }), 'Layer weights');
    const bars = byName(root, 'rect');
    assert.equal(bars.length, 4);
    const heights = bars.map((bar) => num(bar, 'height'));
    for (let i = 1; i < 4; i++) assert.ok(Math.abs(heights[i] / heights[0] - (i + 1)) < 0.02, `bar ${i}`);
    assert.equal(bars[2].children[0].text, '2: 0.30');
    for (const written of ['0.10', '0.40', 'emb', 'layer', 'weight']) assert.ok(texts(root).includes(written), written);
  });

  it('draws negative values below the zero line and a dash for a missing value', () => {
    const root = checkChart(barChart({ title: 'signed', labels, values: [1, -1, Number.NaN, 0] }), 'signed');
    const [up, down] = byName(root, 'rect');
    assert.equal(num(up, 'y') + num(up, 'height'), num(down, 'y'), 'both start at the zero line');
    assert.equal(byName(root, 'rect').length, 3);
    assert.ok(texts(root).includes('–'));
  });

  it('escapes labels; handles all-zero and all-equal values; "no data" when nothing is finite', () => {
    const root = checkChart(barChart({ title: HOSTILE, labels: [HOSTILE, 'b'], values: [0, 0] }), HOSTILE);
    assert.ok(byName(root, 'rect').every((bar) => num(bar, 'height') === 0));
    checkChart(barChart({ title: 'same', labels: ['a', 'b'], values: [0.5, 0.5] }), 'same');
    assert.match(checkChart(barChart({ title: 'none', labels: [], values: [] }), 'none').attributes.class, /pl-no-data/);
    assert.match(checkChart(barChart({ title: 'nan', labels: ['a'], values: [Number.NaN] }), 'nan').attributes.class, /pl-no-data/);
    assert.throws(() => barChart({ title: 'bad', labels: ['a'], values: [1, 2] }), /1 labels for 2 values/);
  });
});

describe('heatmap', () => {
  const rows = ['[CLS]', 'Paris', '<&>'];
  const columns = ['emb', '1', '2'];
  const values = [
    [0.7, 0.2, 0.1],
    [0.1, 0.3, 0.6],
    [0.2, 0.2, 0.6],
  ];

  it('draws a cell per value, darker for larger values, with row and column labels and a legend', () => {
    const root = checkChart(heatmap({ title: 'α', rows, columns, values, rowLabel: 'token', columnLabel: 'layer', valueLabel: 'α' }), 'α');
    const cells = byName(root, 'rect').filter((rect) => rect.children.length > 0);
    assert.equal(cells.length, 9);
    const opacity = cells.map((cell) => num(cell, 'fill-opacity'));
    assert.ok(opacity[0] > opacity[5] && opacity[5] > opacity[1] && opacity[1] > opacity[2]);
    assert.equal(opacity[0], 1, 'the maximum gets the strongest colour');
    assert.equal(cells[5].children[0].text, 'token Paris, layer 2: α 0.6');
    for (const label of [...rows, ...columns, 'token', 'layer', 'α', '0.1', '0.7']) assert.ok(texts(root).includes(label), label);
  });

  it('handles all-equal values, missing cells, long labels; "no data" when empty', () => {
    const equal = checkChart(heatmap({ title: 'eq', rows: ['a'], columns: ['1', '2'], values: [[0.5, 0.5]] }), 'eq');
    assert.equal(new Set(byName(equal, 'rect').filter((r) => r.children.length > 0).map((r) => r.attributes['fill-opacity'])).size, 1);
    const long = 'a-token-far-too-long-to-show-in-full-beside-the-grid';
    const gaps = checkChart(heatmap({ title: 'gaps', rows: [long, 'b'], columns: ['1'], values: [[Number.NaN], [1]] }), 'gaps');
    assert.ok(byName(gaps, 'title').some((node) => node.text === `row ${long}, column 1: no value`));
    assert.ok(byName(gaps, 'title').some((node) => node.text === long), 'the shortened row label keeps the full text as tooltip');
    for (const empty of [{ rows: [], columns: [], values: [] }, { rows: ['a'], columns: ['1'], values: [[Number.NaN]] }]) {
      assert.match(checkChart(heatmap({ title: 'none', ...empty }), 'none').attributes.class, /pl-no-data/);
    }
    assert.throws(() => heatmap({ title: 'bad', rows: ['a'], columns: ['1', '2'], values: [[1]] }), /1 rows of 2 values/);
  });
});

describe('probabilityBars', () => {
  it('draws bars proportional to the probabilities, the most likely label strongest', () => {
    const root = checkChart(
      probabilityBars({ title: 'Sentiment', items: [{ label: 'negative', probability: 0.25 }, { label: 'positive', probability: 0.75 }] }),
      'Sentiment',
    );
    const filled = byName(root, 'rect').filter((rect) => rect.children.length > 0);
    assert.equal(filled.length, 2);
    assert.ok(Math.abs(num(filled[1], 'width') / num(filled[0], 'width') - 3) < 0.01);
    assert.equal(filled[1].attributes.class, 'pl-top');
    for (const written of ['25.0%', '75.0%', 'negative', 'positive']) assert.ok(texts(root).includes(written), written);
    assert.match(root.children[1].text, /Most likely: positive\./);
  });

  it('clamps, dashes non-finite values, escapes labels; "no data" when nothing is finite', () => {
    const root = checkChart(
      probabilityBars({ title: 'odd', items: [{ label: HOSTILE, probability: 1.5 }, { label: 'n/a', probability: Number.NaN }, { label: 'low', probability: -0.1 }] }),
      'odd',
    );
    const [track] = byName(root, 'rect');
    const filled = byName(root, 'rect').filter((rect) => rect.children.length > 0);
    assert.equal(num(filled[0], 'width'), num(track, 'width'));
    assert.equal(num(filled[1], 'width'), 0);
    assert.ok(texts(root).includes('–'));
    assert.match(checkChart(probabilityBars({ title: 'none', items: [] }), 'none').attributes.class, /pl-no-data/);
  });
});
