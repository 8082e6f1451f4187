/** A cell of a CSV table: text as is, numbers in full precision, null/undefined/NaN as an empty cell. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * A table as CSV (RFC 4180): a header line, then one line per row, CRLF line ends, a field quoted when it holds
 * a comma, a quote or a line break. A table without rows is its header line alone — still a valid file.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const line = (cells: readonly CsvCell[]) => cells.map(field).join(',');
  return [line(header), ...rows.map(line)].map((l) => `${l}\r\n`).join('');
}

function field(cell: CsvCell): string {
  if (cell === null || cell === undefined || (typeof cell === 'number' && !Number.isFinite(cell))) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
