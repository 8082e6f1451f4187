import { layerCurveChart } from '../../src/core/probing/layer-curve-chart';
import { SWEEP_CSV_HEADER, sweepCsvRows, sweepTables, type SweepTable } from '../../src/core/probing/sweep-tables';
import { TASK_NAMES } from '../../src/core/task';
import type { LayerSweeps } from '../../src/protocol/webview';
import type { EncoderTaskSweep } from '../../src/protocol/worker';
import { element, heading, uniqueId } from '../dom';
import { csvFileName, shortEncoderName, svgFileName } from '../view-model/format';
import { chartFigure } from './chart-figure';
import { reportTable } from './report/report-table';
import { saveCsvButton } from './save-csv-button';

/** Shown beside the scores; the other tables (control task, MDL) fold away below them. */
const BESIDE_SCORES = 'selectivity';

/**
 * The last layer sweep (Probe Lens: Sweep Layers): a column per encoder, side by side as the comparison's
 * are; per task the curve of the dev score per layer (src/core's layer-curve chart, the experiment reports'
 * too), the scores table with the best and expected layer and the selectivity beside it, then the control
 * task and MDL tables. Every table saves as CSV, and the whole sweep as one tidy CSV.
 */
export function layersSection(layers: LayerSweeps): HTMLElement {
  const id = uniqueId('layers');
  const all = { header: [...SWEEP_CSV_HEADER], rows: layers.sweeps.flatMap((s) => sweepCsvRows(s.encoder, s.sweep)) };
  const section = element(
    'section',
    { className: 'layers', attrs: { 'aria-labelledby': id } },
    element('div', { className: 'section-heading' }, heading(2, 'Layers', id), saveCsvButton(all, csvFileName('layer-sweep'), 'the whole layer sweep')),
    element('p', {
      className: 'muted',
      text: `A linear probe per layer (0 = embeddings output), fitted on ${layers.fewShotSize} training examples and scored on dev; swept ${new Date(layers.finished).toLocaleString()}.`,
    }),
  );
  for (const { message } of layers.skipped) section.append(element('p', { className: 'banner banner-warning', attrs: { role: 'status' }, text: message }));
  const encoders = [...new Set(layers.sweeps.map((s) => s.encoder))];
  section.append(element('div', { className: 'encoders' }, ...encoders.map((encoder) => encoderLayers(encoder, layers.sweeps.filter((s) => s.encoder === encoder)))));
  return section;
}

function encoderLayers(encoder: string, sweeps: readonly EncoderTaskSweep[]): HTMLElement {
  const id = uniqueId('layers-encoder');
  const name = shortEncoderName(encoder);
  const column = element(
    'section',
    { className: 'layers-encoder', attrs: { 'aria-labelledby': id } },
    element('header', { className: 'encoder-header' }, heading(3, name, id), element('p', { className: 'encoder-name', text: encoder, attrs: { title: encoder } })),
  );
  for (const { task, sweep } of sweeps) {
    const taskId = uniqueId('layers-task');
    const chart = layerCurveChart(name, sweep);
    const tables = sweepTables(sweep);
    const table = (t: SweepTable) => reportTable(t, csvFileName(name, task, 'layers', t.id), `layer-table layer-table-${t.id}`);
    const [scores, ...others] = tables;
    const beside = others.filter((t) => t.id === BESIDE_SCORES);
    const more = others.filter((t) => t.id !== BESIDE_SCORES);
    const part = element(
      'section',
      { className: `layers-task layers-${task}`, attrs: { 'aria-labelledby': taskId } },
      heading(4, `${TASK_NAMES[task].charAt(0).toUpperCase()}${TASK_NAMES[task].slice(1)}: ${sweep.trainExamples} train, ${sweep.devExamples} dev`, taskId),
      chartFigure(chart.svg, {
        name: `${chart.title}, ${task}`,
        caption: `Dev ${sweep.metric.label} of each layer's probe. ${chart.marks} The expected layer (Tenney et al.) is the centre of gravity of the score gained per layer.`,
        fileName: svgFileName(name, task, 'layer-curve'),
      }),
      element('div', { className: 'layer-tables' }, table(scores), ...beside.map(table)),
    );
    if (more.length > 0) part.append(element('details', { className: 'layer-more' }, element('summary', { text: 'Control task and MDL' }), ...more.map(table)));
    column.append(part);
  }
  return column;
}
