import { xAxis, yAxis, yLabelWidth, type PlotArea } from './axes';
import { FONT_SIZE, noDataChart, seriesStyle, svgDocument } from './frame';
import { element, px, text, textWidth, tooltip, truncate } from './markup';
import { formatNumber, tickFormatter } from './number-format';
import { fixedScale, linearScale, logScale, plottable } from './scale';

export interface LinePoint {
  x: number;
  /** The mean over seeds. */
  y: number;
  /** The standard deviation over seeds: drawn as an error bar y ± std when positive. */
  std?: number;
}

export interface LineSeries {
  name: string;
  points: readonly LinePoint[];
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** One line per series (a strategy), in legend order. */
  series: readonly LineSeries[];
  /** A log10 x axis, for training sizes that grow by factors. */
  logX?: boolean;
  /** A y range to show at least (e.g. [0, 1] for accuracy); the data and error bars widen it if needed. */
  yDomain?: [number, number];
  width?: number;
  height?: number;
}

const LEGEND_MAX = 200;
const MIN_PLOT_WIDTH = 120;
// With this many distinct x values or fewer (training sizes, typically), ticks sit on the data.
const MAX_DATA_TICKS = 10;

/**
 * A line chart of y against x (accuracy or F1 against training size): one line per series with error bars
 * (mean ± std) and a legend. Points whose values are not finite (or x ≤ 0 on a log axis) cannot be placed:
 * they are left out and a footnote says how many; with nothing left, the chart says there is no data.
 */
export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 380;
  const kind = 'pl-line-chart';
  const drawable = (point: LinePoint) => plottable(point.x) && plottable(point.y) && (!options.logX || point.x > 0);
  const series = options.series.map((one) => ({
    name: one.name,
    points: one.points
      .filter(drawable)
      .map((point) => ({ x: point.x, y: point.y, std: plottable(point.std) && point.std > 0 ? point.std : 0 }))
      .sort((a, b) => a.x - b.x),
  }));
  const skipped = options.series.reduce((sum, one) => sum + one.points.length, 0) - series.reduce((sum, one) => sum + one.points.length, 0);
  const points = series.flatMap((one) => one.points);
  if (points.length === 0) return noDataChart(kind, options.title, width, height);

  const xs = points.map((point) => point.x);
  const low = Math.min(...points.map((point) => point.y - point.std));
  const high = Math.max(...points.map((point) => point.y + point.std));
  const footnote = skipped > 0 ? `${skipped} point${skipped === 1 ? '' : 's'} not drawn: value not finite (or beyond ±1e15)${options.logX ? ', or x ≤ 0 on the log axis' : ''}.` : '';

  const legendNames = series.map((one) => truncate(one.name, LEGEND_MAX - 34, FONT_SIZE));
  const legendWidth = Math.max(...legendNames.map((name) => textWidth(name, FONT_SIZE))) + 34;
  const top = 40;
  const bottom = height - 50 - (footnote ? 14 : 0);
  const yDomain = options.yDomain?.every(plottable) ? options.yDomain : undefined;
  const yScale = yDomain
    ? fixedScale(Math.min(yDomain[0], low), Math.max(yDomain[1], high), [bottom, top])
    : linearScale(low, high, [bottom, top]);
  const yFormat = tickFormatter(yScale.step);
  const left = 28 + yLabelWidth(yScale, yFormat) + 8;
  const plot: PlotArea = { left, top, bottom, right: Math.max(left + MIN_PLOT_WIDTH, width - legendWidth - 16) };
  const xScale = options.logX
    ? logScale(Math.min(...xs), Math.max(...xs), [plot.left, plot.right])
    : linearScale(Math.min(...xs), Math.max(...xs), [plot.left, plot.right]);
  const distinct = [...new Set(xs)].sort((a, b) => a - b);
  const xTicks = distinct.length <= MAX_DATA_TICKS ? distinct : xScale.ticks;
  const xFormat = distinct.length <= MAX_DATA_TICKS || options.logX ? formatNumber : tickFormatter(xScale.step);

  const body = [
    yAxis(yScale, plot, options.yLabel, yFormat),
    xAxis(xScale.map, xTicks, plot, options.xLabel, xFormat),
    ...series.map((one, i) => seriesMarkup(one, i, xScale.map, yScale.map)),
    legend(legendNames, plot.right + 16, top),
    footnote ? text(8, height - 8, footnote, { class: 'pl-muted' }) : '',
  ].join('');
  const chartWidth = Math.max(width, plot.right + legendWidth + 16);
  return svgDocument({ kind, width: chartWidth, height, title: options.title, summary: summary(options, series, footnote) }, body);
}

type CleanSeries = { name: string; points: Array<{ x: number; y: number; std: number }> };

function seriesMarkup(series: CleanSeries, index: number, x: (value: number) => number, y: (value: number) => number): string {
  const style = seriesStyle(index);
  const parts: string[] = [];
  if (series.points.length > 1) {
    const d = series.points.map((point, i) => `${i === 0 ? 'M' : 'L'}${px(x(point.x))} ${px(y(point.y))}`).join(' ');
    parts.push(element('path', { d, fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-dasharray': style.dash }));
  }
  for (const point of series.points) {
    const cx = x(point.x);
    if (point.std > 0) {
      const [y1, y2] = [y(point.y - point.std), y(point.y + point.std)];
      const bar = `M${px(cx)} ${px(y1)} V${px(y2)} M${px(cx - 4)} ${px(y1)} H${px(cx + 4)} M${px(cx - 4)} ${px(y2)} H${px(cx + 4)}`;
      parts.push(element('path', { d: bar, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.2 }));
    }
    const spread = point.std > 0 ? ` ± ${formatNumber(point.std)}` : '';
    const hover = tooltip(`${series.name}: ${formatNumber(point.x)} → ${formatNumber(point.y)}${spread}`);
    parts.push(element('circle', { cx, cy: y(point.y), r: 3.5, fill: 'currentColor' }, hover));
  }
  return element('g', { class: style.class, color: style.color }, parts.join(''));
}

function legend(names: string[], x: number, top: number): string {
  return names
    .map((name, i) => {
      const style = seriesStyle(i);
      const y = top + 6 + i * 20;
      const swatch =
        element('line', { x1: x, x2: x + 22, y1: y, y2: y, stroke: 'currentColor', 'stroke-width': 2, 'stroke-dasharray': style.dash }) +
        element('circle', { cx: x + 11, cy: y, r: 3.5, fill: 'currentColor' });
      return element('g', { class: style.class, color: style.color }, swatch) + text(x + 28, y + 4, name);
    })
    .join('');
}

function summary(options: LineChartOptions, series: CleanSeries[], footnote: string): string {
  const axis = `${options.yLabel} against ${options.xLabel}${options.logX ? ' (log scale)' : ''}`;
  const lines = series.map((one) => {
    if (one.points.length === 0) return `${one.name}: no points`;
    const first = one.points[0];
    const last = one.points[one.points.length - 1];
    return `${one.name}: ${formatNumber(first.y)} at ${formatNumber(first.x)} to ${formatNumber(last.y)} at ${formatNumber(last.x)}`;
  });
  return `Line chart of ${axis}, mean ± standard deviation. ${lines.join('; ')}.${footnote ? ` ${footnote}` : ''}`;
}
