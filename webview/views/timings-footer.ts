import type { EncoderResult } from '../../src/core/result';
import { element } from '../dom';
import { timingsCsvTable } from '../../src/core/result-tables';
import { csvFileName, formatDuration, shortEncoderName } from '../view-model/format';
import { saveCsvButton } from './save-csv-button';

/** How long each encoder took: loading (0 when warm), the one forward pass, and every head together. */
export function timingsFooter(encoders: readonly EncoderResult[]): HTMLElement {
  const headers = ['Encoder', 'Load', 'Encode', 'Heads', 'Total'].map((name) => element('th', { text: name, attrs: { scope: 'col' } }));
  const rows = encoders.map(({ encoder, timings }) =>
    element(
      'tr',
      {},
      element('th', { text: shortEncoderName(encoder.name), attrs: { scope: 'row', title: encoder.name } }),
      ...[timings.loadMs, timings.encodeMs, timings.headsMs, timings.loadMs + timings.encodeMs + timings.headsMs].map((ms) =>
        element('td', { text: formatDuration(ms) }),
      ),
    ),
  );
  return element(
    'footer',
    { className: 'timings' },
    element('table', {}, element('caption', { text: 'Timings' }), element('thead', {}, element('tr', {}, ...headers)), element('tbody', {}, ...rows)),
    element('div', { className: 'table-actions' }, saveCsvButton(timingsCsvTable(encoders), csvFileName('timings'), 'the timings')),
  );
}
