/** A plain-text table: one header row, columns padded to their widest cell, numbers right-aligned. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = ''): string {
  const widths = columns.map((column, c) => Math.max(column.header.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    indent +
    columns
      .map((column, c) => (column.align === 'right' ? (cells[c] ?? '').padStart(widths[c]) : (cells[c] ?? '').padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), ...rows.map(line)].join('\n');
}

/** A score in [0, 1] with three decimals ("0.812"); scores are compared at that precision in reports. */
export function score(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(3);
}

/** A duration for people: "850 ms", "4.2 s", "3 min 05 s". */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
