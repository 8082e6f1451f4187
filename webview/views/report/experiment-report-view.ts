import { reportTables } from '../../../src/core/experiments/report-tables';
import type { EncoderReport, ExperimentReport } from '../../../src/core/experiments/report-view';
import { actionButton, badge, element, heading, uniqueId } from '../../dom';
import { chartFigure } from '../chart-figure';
import { claimCard } from './claim-card';
import { reportTable } from './report-table';

/** A whole experiment report: header, command line, setup, a section per encoder, then the claims. */
export function experimentReportView(report: ExperimentReport): HTMLElement {
  const view = element('div', { className: 'result experiment-report' }, header(report), commandLine(report.commandLine), setupSection(report));
  if (report.notices.length > 0) {
    view.append(element('div', { className: 'banner banner-warning notices', attrs: { role: 'status' } }, element('ul', {}, ...report.notices.map((notice) => element('li', { text: notice })))));
  }
  // The names the CLI gives the same tables in the report's tables/ folder.
  const tableNames = new Map<object, string>(reportTables(report).map(({ name, table }) => [table, name]));
  view.append(...report.encoders.map((encoder) => encoderSection(encoder, tableNames)), claimsSection(report, tableNames));
  return view;
}

function header(report: ExperimentReport): HTMLElement {
  const title = element('div', { className: 'report-title' }, element('h1', { text: report.title }), element('p', { className: 'muted', text: report.generated }));
  const path = element('p', { className: 'muted report-file', text: report.file, attrs: { title: report.file } });
  const toolbar = element('header', { className: 'toolbar' }, element('div', {}, title, path));
  if (report.quick) {
    toolbar.append(badge('quick mode', 'A smoke test with tiny sizes, few steps and a small dev sample: its numbers mean nothing.'));
  }
  return toolbar;
}

function commandLine(text: string): HTMLElement {
  const id = uniqueId('command');
  return element(
    'section',
    { className: 'report-section', attrs: { 'aria-labelledby': id } },
    element(
      'div',
      { className: 'section-heading' },
      heading(2, 'Command line', id),
      actionButton('Copy', () => ({ type: 'copy', text, what: 'command line' }), { secondary: true, ariaLabel: 'Copy the command line' }),
    ),
    element('pre', { className: 'command-line' }, element('code', { text })),
  );
}

function setupSection(report: ExperimentReport): HTMLElement {
  const id = uniqueId('setup');
  const list = element('dl', { className: 'setup' }, ...report.setup.flatMap(({ term, details }) => [element('dt', { text: term }), element('dd', { text: details })]));
  return element('section', { className: 'report-section', attrs: { 'aria-labelledby': id } }, heading(2, 'Setup', id), list);
}

function encoderSection(encoder: EncoderReport, tableNames: ReadonlyMap<object, string>): HTMLElement {
  const id = uniqueId('encoder');
  const section = element(
    'section',
    { className: 'report-section report-encoder', attrs: { 'aria-labelledby': id } },
    element('div', { className: 'encoder-header' }, heading(2, encoder.label, id), element('div', { className: 'badges' }, ...encoder.facts.map((fact) => badge(fact)))),
  );
  const figures = encoder.charts.map((chart) => chartFigure(chart.svg, { name: chart.name, caption: chart.caption, fileName: chart.fileName }));
  // The metric against size first (the headline), its tables after; the DWAtt α chart beside its own table at the end.
  const [curve, ...others] = figures;
  if (curve) section.append(curve);
  section.append(...encoder.tables.map((table, i) => reportTable(table, tableNames.get(table) ?? `table-${i + 1}`)), ...others);
  return section;
}

function claimsSection(report: ExperimentReport, tableNames: ReadonlyMap<object, string>): HTMLElement {
  const id = uniqueId('claims');
  const section = element('section', { className: 'report-section report-claims', attrs: { 'aria-labelledby': id } }, heading(2, 'Claims', id));
  section.append(element('div', { className: 'caveats' }, ...report.caveats.map((text) => element('p', { text }))));
  if (report.claims.length === 0) section.append(element('p', { className: 'muted', text: 'This experiment judged no claims.' }));
  section.append(...report.claims.map((claim, i) => claimCard(claim, i + 1, tableNames)));
  return section;
}
