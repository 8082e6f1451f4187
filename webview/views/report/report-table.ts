import type { ReportTable } from '../../../src/core/experiments/report-view';
import { element, uniqueId } from '../../dom';
import { saveCsvButton } from '../save-csv-button';

/**
 * A table of the report: its caption above (a paragraph, so a long caption takes the column's width rather
 * than the table's), the first column as row headers (strategies), the others as right-aligned figures.
 * Wide tables scroll sideways in a box the keyboard can reach. "Save CSV" saves it as `fileName`.csv.
 */
export function reportTable(table: ReportTable, fileName: string, className = ''): HTMLElement {
  const id = uniqueId('table');
  const head = element('tr', {}, ...table.header.map((name) => element('th', { text: name, attrs: { scope: 'col' } })));
  const rows = table.rows.map((cells) =>
    element('tr', {}, ...cells.map((text, i) => (i === 0 ? element('th', { className: 'strategy', text, attrs: { scope: 'row' } }) : element('td', { text })))),
  );
  return element(
    'div',
    { className: 'report-table-block' },
    element(
      'div',
      { className: 'report-table-heading' },
      element('p', { className: 'report-table-caption', text: table.caption, attrs: { id } }),
      saveCsvButton(table, fileName, table.caption),
    ),
    element(
      'div',
      { className: 'report-table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-labelledby': id } },
      element('table', { className: `report-table ${className}`.trim(), attrs: { 'aria-labelledby': id } }, element('thead', {}, head), element('tbody', {}, ...rows)),
    ),
  );
}
