import { formatPercent } from '../../src/core/svg';
import type { EncoderResult, LabelProbability, SentimentResult } from '../../src/core/result';
import { element, heading, uniqueId } from '../dom';
import { sentimentCsvTable } from '../../src/core/result-tables';
import { csvFileName, formatMargin } from '../view-model/format';
import { leanNote } from './layer-lean';
import { missingTaskNotice } from './missing-task';
import { saveCsvButton } from './save-csv-button';
import { tokenWeightsFigure } from './token-weights-figure';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Sentiment per pooling strategy: a table row each, then the weighted strategy's token weights on the text. */
export function sentimentSection(text: string, encoder: EncoderResult, encoderName: string): HTMLElement {
  const id = uniqueId('sentiment');
  const section = element('section', { className: 'task task-sentiment', attrs: { 'aria-labelledby': id } }, heading(3, 'Sentiment by pooling strategy', id));
  for (const missing of encoder.missing.filter((task) => task.task === 'sentiment')) section.append(missingTaskNotice(missing, encoderName));
  if (encoder.sentiment.length === 0) {
    if (!encoder.missing.some((task) => task.task === 'sentiment')) section.append(element('p', { className: 'muted', text: 'No pooling strategies are selected.' }));
    return section;
  }
  section.append(
    sentimentTable(encoder, encoderName),
    element('div', { className: 'table-actions' }, saveCsvButton(sentimentCsvTable(encoder), csvFileName(encoderName, 'sentiment'), `the sentiment of ${encoderName}`)),
  );
  for (const strategy of encoder.sentiment) {
    if (strategy.tokenWeights) section.append(tokenWeightsFigure(text, encoder.tokens, strategy.tokenWeights, strategy.strategy));
  }
  return section;
}

function sentimentTable(encoder: EncoderResult, encoderName: string): HTMLTableElement {
  const headers = ['Pooling', 'Label', 'Probabilities', 'Margin'].map((name) => element('th', { text: name, attrs: { scope: 'col' } }));
  return element(
    'table',
    { className: 'sentiment-table' },
    element('caption', { className: 'visually-hidden', text: `Sentiment of ${encoderName} per pooling strategy` }),
    element('thead', {}, element('tr', {}, ...headers)),
    element('tbody', {}, ...encoder.sentiment.map((row) => sentimentRow(row, leanNote(encoder, 'sentiment', row.strategy)))),
  );
}

/** A strategy's row; focusable, so the keyboard shows its lean as hovering does. */
function sentimentRow(row: SentimentResult, lean: HTMLElement | undefined): HTMLTableRowElement {
  return element(
    'tr',
    { attrs: { tabindex: '0' } },
    element('th', { className: 'strategy-cell', attrs: { scope: 'row' } }, element('span', { className: 'strategy', text: row.strategy }), ...(lean ? [lean] : [])),
    element('td', { className: 'predicted', text: row.label }),
    element('td', { className: 'probabilities' }, ...row.probabilities.map((item) => probabilityBar(item, item.label === row.label))),
    element('td', { className: 'margin', text: formatMargin(row.margin), attrs: { title: 'Top probability minus the runner-up' } }),
  );
}

/** One label's probability: its name, a bar (SVG, as the CSP allows no inline widths) and the percentage. */
function probabilityBar(item: LabelProbability, predicted: boolean): HTMLElement {
  const bar = document.createElementNS(SVG_NS, 'svg');
  bar.setAttribute('class', 'probability-bar');
  bar.setAttribute('viewBox', '0 0 100 8');
  bar.setAttribute('preserveAspectRatio', 'none');
  bar.setAttribute('aria-hidden', 'true');
  const filled = Number.isFinite(item.probability) ? Math.min(1, Math.max(0, item.probability)) * 100 : 0;
  bar.append(svgRect('probability-track', 100), svgRect('probability-fill', filled));
  return element(
    'div',
    { className: predicted ? 'probability predicted' : 'probability' },
    element(
      'span',
      { className: 'probability-label', text: item.label, attrs: { title: item.label } },
      // The label column is hidden in narrow columns: the predicted label is then this bold row.
      ...(predicted ? [element('span', { className: 'visually-hidden', text: ' (predicted)' })] : []),
    ),
    bar,
    element('span', { className: 'probability-value', text: formatPercent(item.probability) }),
  );
}

function svgRect(className: string, width: number): SVGRectElement {
  const rect = document.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('class', className);
  rect.setAttribute('width', String(width));
  rect.setAttribute('height', '8');
  return rect;
}
