import type { CsvCell } from '../../src/core/csv';
import { actionButton } from '../dom';

/** A "Save CSV" button: the host asks where and writes the table there as CSV (header only when it has no rows). */
export function saveCsvButton(table: { header: string[]; rows: CsvCell[][] }, fileName: string, name: string): HTMLElement {
  return actionButton('Save CSV', () => ({ type: 'saveCsv', header: table.header, rows: table.rows, suggestedName: fileName }), {
    secondary: true,
    ariaLabel: `Save CSV of ${name}`,
  });
}
