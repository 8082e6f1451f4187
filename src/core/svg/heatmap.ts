import { escapeXml } from './escape';
import { ACCENT, FONT_SIZE, noDataChart, svgDocument } from './frame';
import { element, text, textWidth, tooltip, truncate } from './markup';
import { formatNumber } from './number-format';

export interface HeatmapOptions {
  title: string;
  /** Row labels, top to bottom (tokens, say). */
  rows: readonly string[];
  /** Column labels, left to right (layers, say). */
  columns: readonly string[];
  /** values[r][c]: one row per label in `rows`, each with one value per column. */
  values: readonly (readonly number[])[];
  rowLabel?: string;
  columnLabel?: string;
  /** What a value is ("α", "weight"), for the legend and tooltips. */
  valueLabel?: string;
  /** The values mapped to the palest and the strongest colour; default: the data's minimum and maximum. */
  domain?: [number, number];
  format?: (value: number) => string;
  /** Default: wide enough for cells of 28 px. */
  width?: number;
}

const CELL_HEIGHT = 18;
const ROW_LABEL_MAX = 140;
const LEGEND_STEPS = 6;
const MIN_OPACITY = 0.06;

/**
 * A heatmap (DWAtt's α: tokens × layers) with row and column labels and a colour scale legend. Cells are the
 * accent colour at an opacity that grows with the value, so the scale works on light, dark and high-contrast
 * backgrounds alike; each cell's tooltip gives its row, column and value. Cells without a finite value are
 * drawn as empty outlines.
 */
export function heatmap(options: HeatmapOptions): string {
  const kind = 'pl-heatmap';
  const { rows, columns, values } = options;
  if (values.length !== rows.length || values.some((row) => row.length !== columns.length)) {
    throw new Error(`heatmap: values must be ${rows.length} rows of ${columns.length} values.`);
  }
  const finite = values.flat().filter(Number.isFinite);
  if (rows.length === 0 || columns.length === 0 || finite.length === 0) {
    return noDataChart(kind, options.title, options.width ?? 360, 160);
  }
  const format = options.format ?? formatNumber;
  // A domain end that is not finite is taken from the data instead.
  const low = Number.isFinite(options.domain?.[0]) ? (options.domain?.[0] as number) : Math.min(...finite);
  const high = Number.isFinite(options.domain?.[1]) ? (options.domain?.[1] as number) : Math.max(...finite);
  // An all-equal map (or an empty domain) has no contrast to show: every cell gets the middle shade.
  const shade = (value: number) => {
    const t = high > low ? (value - low) / (high - low) : 0.5;
    return MIN_OPACITY + (1 - MIN_OPACITY) * (Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0.5);
  };

  const rowLabelWidth = Math.min(ROW_LABEL_MAX, Math.max(...rows.map((row) => textWidth(row, FONT_SIZE)))) + 12;
  const left = 8 + rowLabelWidth;
  const cellWidth = options.width ? Math.min(44, Math.max(12, (options.width - left - 16) / columns.length)) : 28;
  const width = options.width ?? Math.max(320, left + cellWidth * columns.length + 16);
  const top = options.columnLabel ? 64 : 50;
  const gridBottom = top + rows.length * CELL_HEIGHT;
  const height = gridBottom + 64;
  const valueName = options.valueLabel ?? 'value';

  const cells: string[] = [];
  const labels: string[] = [];
  rows.forEach((row, r) => {
    const y = top + r * CELL_HEIGHT;
    labels.push(element('text', { x: left - 8, y: y + CELL_HEIGHT / 2 + 4, 'text-anchor': 'end', fill: 'currentColor' }, escapeLabel(row, rowLabelWidth - 12)));
    columns.forEach((column, c) => {
      const value = values[r][c];
      const x = left + c * cellWidth;
      const where = `${options.rowLabel ?? 'row'} ${row}, ${options.columnLabel ?? 'column'} ${column}`;
      const box = { x: x + 0.5, y: y + 0.5, width: cellWidth - 1, height: CELL_HEIGHT - 1 };
      cells.push(
        Number.isFinite(value)
          ? element('rect', { ...box, fill: 'currentColor', 'fill-opacity': shade(value) }, tooltip(`${where}: ${valueName} ${format(value)}`))
          : element('rect', { ...box, fill: 'none', stroke: 'currentColor', 'stroke-opacity': 0.3, 'stroke-dasharray': '2 2' }, tooltip(`${where}: no value`)),
      );
    });
  });
  // Column labels above the grid, every k-th when cells are too narrow for all of them.
  const every = Math.max(1, Math.ceil((Math.max(...columns.map((column) => textWidth(column, FONT_SIZE))) + 4) / cellWidth));
  columns.forEach((column, c) => {
    if (c % every !== 0) return;
    labels.push(text(left + (c + 0.5) * cellWidth, top - 6, truncate(column, cellWidth * every - 2, FONT_SIZE), { 'text-anchor': 'middle' }));
  });
  if (options.columnLabel) labels.push(text(left + (cellWidth * columns.length) / 2, top - 24, options.columnLabel, { 'text-anchor': 'middle', class: 'pl-muted' }));
  if (options.rowLabel) labels.push(text(left - 8, top - 6, options.rowLabel, { 'text-anchor': 'end', class: 'pl-muted' }));

  const body = [
    element('g', { class: ACCENT.class, color: ACCENT.color }, cells.join('') + legendSwatches(left, gridBottom + 22, low, high, shade)),
    labels.join(''),
    legendLabels(left, gridBottom + 22, low, high, valueName, format),
  ].join('');
  const summaryText = summary(options, finite.length, low, high, format);
  return svgDocument({ kind, width, height, title: options.title, summary: summaryText }, body);
}

/** A row label's markup: shortened to fit, with the whole label as its tooltip when shortened. */
function escapeLabel(label: string, maxWidth: number): string {
  const shown = truncate(label, maxWidth, FONT_SIZE);
  return escapeXml(shown) + (shown === label ? '' : tooltip(label));
}

function legendSwatches(x: number, y: number, low: number, high: number, shade: (value: number) => number): string {
  if (!(high > low)) return element('rect', { x, y, width: 24, height: 10, fill: 'currentColor', 'fill-opacity': shade(low) });
  return Array.from({ length: LEGEND_STEPS }, (_, i) => {
    const value = low + ((high - low) * i) / (LEGEND_STEPS - 1);
    return element('rect', { x: x + i * 24, y, width: 24, height: 10, fill: 'currentColor', 'fill-opacity': shade(value) });
  }).join('');
}

function legendLabels(x: number, y: number, low: number, high: number, name: string, format: (value: number) => string): string {
  if (!(high > low)) return text(x + 30, y + 9, `${name}: all ${format(low)}`);
  const end = x + LEGEND_STEPS * 24;
  return (
    text(x, y + 24, format(low), { 'text-anchor': 'start' }) +
    text(end, y + 24, format(high), { 'text-anchor': 'end' }) +
    text(end + 8, y + 9, name)
  );
}

function summary(options: HeatmapOptions, cells: number, low: number, high: number, format: (value: number) => string): string {
  const shape = `${options.rows.length} ${options.rowLabel ?? 'row'}s × ${options.columns.length} ${options.columnLabel ?? 'column'}s`;
  let strongest = '';
  let best = -Infinity;
  options.values.forEach((row, r) =>
    row.forEach((value, c) => {
      if (Number.isFinite(value) && value > best) {
        best = value;
        strongest = `${options.rows[r]} at ${options.columns[c]}`;
      }
    }),
  );
  return (
    `Heatmap of ${options.valueLabel ?? 'values'}, ${shape} (${cells} with values); colour from ${format(low)} ` +
    `(palest) to ${format(high)} (strongest). Highest: ${strongest} (${format(best)}).`
  );
}
