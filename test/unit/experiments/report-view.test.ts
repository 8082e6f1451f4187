import assert from 'node:assert/strict';
import { test } from 'node:test';
import { experimentCharts } from '../../../src/core/experiments/charts';
import { pointsSpread } from '../../../src/core/experiments/format';
import { experimentReport } from '../../../src/core/experiments/report-view';
import { fakeResults } from './fake-results';

const FILE = '/experiments/out/results.json';

test('the report has a metric table per encoder with every strategy and size, as mean ± std in points', async () => {
  for (const kind of ['pooling', 'fusion'] as const) {
    const results = await fakeResults(kind);
    const report = experimentReport(results, FILE);
    assert.equal(report.file, FILE);
    assert.equal(report.commandLine, results.commandLine);
    assert.deepEqual(report.encoders.map((e) => e.label), results.encoders.map((e) => e.label));
    for (const encoder of report.encoders) {
      const [table, ...others] = encoder.tables;
      assert.deepEqual(table.header, ['strategy', 'parameters', ...results.sizes.map((s) => (s.requested === 'all' ? `${s.used} (all)` : String(s.used)))]);
      assert.deepEqual(table.rows.map((row) => row[0]), results.strategies);
      for (const row of table.rows) {
        const cells = results.sizes.map((s) => results.cells.find((c) => c.encoder === encoder.label && c.strategy === row[0] && c.size === s.used)!);
        assert.equal(row[1], cells[0].parameterCount.toLocaleString('en-US'));
        assert.deepEqual(row.slice(2), cells.map((c) => pointsSpread(c.metrics[results.metric.key])));
      }
      const captions = others.map((t) => t.caption);
      if (kind === 'pooling') {
        assert.equal(captions.length, 1);
        assert.match(captions[0], /^Dev macro-F1/);
      } else {
        assert.deepEqual(captions.map((c) => c.split(':')[0].split(' (')[0]), ['Steps to target', 'Steps to a common target', "DWAtt's mean α per layer over the dev words at 40 sentences"]);
        const alpha = others.at(-1)!;
        assert.equal(alpha.header.length, 1 + results.encoders[0].identity.layers + 1, 'a column per layer output, embeddings included');
      }
    }
  }
});

test('charts are drawn again from the numbers, never taken from the file', async () => {
  const results = await fakeResults('fusion');
  const drawn = experimentCharts(results.cells, results.encoders, results.strategies, results.metric, 'sentences');
  for (const chart of results.charts) chart.svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
  const report = experimentReport(results, FILE);
  const charts = report.encoders.flatMap((e) => e.charts);
  assert.deepEqual(charts.map((c) => c.svg), drawn.map((c) => c.svg));
  assert.deepEqual(charts.map((c) => c.kind), ['metric-vs-size', 'layer-weights', 'metric-vs-size', 'layer-weights']);
  assert.deepEqual(charts.map((c) => c.fileName), drawn.map((c) => `${c.id}.svg`));
  assert.ok(charts.every((c) => !c.svg.includes('<script')));
});

test('text from the file stays text in the charts: markup in a strategy name is escaped', async () => {
  const results = await fakeResults('pooling');
  const evil = '<img src=x onerror=alert(1)>';
  for (const cell of results.cells) if (cell.strategy === 'mean') cell.strategy = evil;
  results.strategies = results.strategies.map((s) => (s === 'mean' ? evil : s));
  const svg = experimentReport(results, FILE).encoders[0].charts[0].svg;
  assert.ok(!svg.includes('<img'), 'the name became markup');
  assert.ok(svg.includes('&lt;img'), 'the name is not in the chart');
});

test('claims keep their verdict and summary; the tone reads the verdict', async () => {
  const results = await fakeResults('fusion');
  const verdicts = ['supported', 'partly supported', 'contradicted', 'inconclusive'] as const;
  results.claims = verdicts.map((verdict, i) => ({ ...results.claims[i % results.claims.length], verdict }));
  const report = experimentReport(results, FILE);
  assert.deepEqual(report.claims.map((c) => [c.verdict, c.tone]), [['supported', 'supported'], ['partly supported', 'partly'], ['contradicted', 'contradicted'], ['inconclusive', 'open']]);
  assert.deepEqual(report.claims.map((c) => c.summary), results.claims.map((c) => c.summary));
  const evidence = report.claims[0].evidence!;
  assert.equal(evidence.rows.length, results.claims[0].comparisons.length);
  assert.ok(report.caveats.some((c) => c.includes('2 seeds')), report.caveats.join('\n'));
});

test('the setup names the files, sizes, seeds and encoders; quick mode is flagged', async () => {
  const results = await fakeResults('pooling');
  results.quick = true;
  const report = experimentReport(results, FILE);
  assert.equal(report.quick, true);
  const setup = new Map(report.setup.map(({ term, details }) => [term, details]));
  assert.ok(setup.get('Training file')!.startsWith(results.datasets.train.file));
  assert.ok(setup.get('Dev file')!.startsWith(results.datasets.dev.file));
  assert.equal(setup.get('Seeds'), '1, 2');
  assert.match(setup.get('Training sizes')!, /^8, all → 60 examples/);
  assert.match(setup.get('Encoders')!, /^fake-bert \(bert, \d+ layers × \d+, fp32\); fake-gpt \(gpt2,/);
  assert.match(report.title, /^Pooling experiment: train\.tsv → dev\.tsv$/);
});
