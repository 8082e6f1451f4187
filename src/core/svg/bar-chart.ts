import { yAxis, yLabelWidth, type PlotArea } from './axes';
import { ACCENT, FONT_SIZE, noDataChart, svgDocument } from './frame';
import { element, text, textWidth, tooltip, truncate } from './markup';
import { tickFormatter } from './number-format';
import { fixedScale, linearScale, plottable } from './scale';

export interface BarChartOptions {
  title: string;
  /** One bar per label (a layer, say), in order. */
  labels: readonly string[];
  values: readonly number[];
  xLabel?: string;
  yLabel?: string;
  /** A value range to show at least (e.g. [0, 1] for weights); the data widens it if needed. */
  yDomain?: [number, number];
  /** How values are written on bars and in tooltips. */
  format?: (value: number) => string;
  width?: number;
  height?: number;
}

/**
 * A vertical bar chart (ScalarMix layer weights: one bar per layer), bars from zero, values written above the
 * bars when they fit. A value that is not finite gets no bar and a dash.
 */
export function barChart(options: BarChartOptions): string {
  const width = options.width ?? 480;
  const height = options.height ?? 260;
  const kind = 'pl-bar-chart';
  if (options.labels.length !== options.values.length) {
    throw new Error(`barChart: ${options.labels.length} labels for ${options.values.length} values.`);
  }
  const finite = options.values.filter(plottable);
  if (finite.length === 0) return noDataChart(kind, options.title, width, height);
  const format = options.format ?? sharedPrecision(finite);

  const low = Math.min(0, ...finite);
  const high = Math.max(0, ...finite);
  const top = 40;
  const bottom = height - (options.xLabel ? 44 : 28);
  const yDomain = options.yDomain?.every(plottable) ? options.yDomain : undefined;
  const scale = yDomain
    ? fixedScale(Math.min(yDomain[0], low), Math.max(yDomain[1], high), [bottom, top])
    : linearScale(low, high, [bottom, top]);
  const tickFormat = tickFormatter(scale.step);
  const left = (options.yLabel ? 28 : 8) + yLabelWidth(scale, tickFormat) + 8;
  const plot: PlotArea = { left, top, bottom, right: Math.max(left + 40, width - 12) };
  const band = (plot.right - plot.left) / options.values.length;
  const barWidth = Math.max(1, band * 0.7);
  const zero = scale.map(0);
  // Show every k-th category label so labels do not overlap.
  const widest = Math.max(...options.labels.map((label) => textWidth(label, FONT_SIZE)));
  const every = Math.max(1, Math.ceil((Math.min(widest, 80) + 6) / band));

  const bars: string[] = [];
  const labels: string[] = [];
  options.values.forEach((value, i) => {
    const centre = plot.left + band * (i + 0.5);
    const label = options.labels[i];
    if (plottable(value)) {
      const y = scale.map(value);
      const hover = tooltip(`${label}: ${format(value)}`);
      bars.push(element('rect', { x: centre - barWidth / 2, y: Math.min(y, zero), width: barWidth, height: Math.abs(zero - y), fill: 'currentColor' }, hover));
      const written = format(value);
      if (textWidth(written, FONT_SIZE - 1) + 2 <= band) {
        const labelY = value >= 0 ? y - 4 : y + 13;
        labels.push(text(centre, labelY, written, { 'text-anchor': 'middle', class: 'pl-muted', 'font-size': FONT_SIZE - 1 }));
      }
    } else {
      labels.push(text(centre, zero - 4, '–', { 'text-anchor': 'middle', class: 'pl-muted' }));
    }
    if (i % every === 0) {
      labels.push(text(centre, plot.bottom + 16, truncate(label, band * every - 4, FONT_SIZE), { 'text-anchor': 'middle' }));
    }
  });
  const body = [
    yAxis(scale, plot, options.yLabel ?? '', tickFormat),
    element('g', { class: ACCENT.class, color: ACCENT.color }, bars.join('')),
    element('line', { class: 'pl-axis', x1: plot.left, x2: plot.right, y1: zero, y2: zero, stroke: 'currentColor', 'stroke-opacity': 0.55 }),
    labels.join(''),
    options.xLabel ? text((plot.left + plot.right) / 2, plot.bottom + 36, options.xLabel, { 'text-anchor': 'middle' }) : '',
  ].join('');
  return svgDocument({ kind, width, height, title: options.title, summary: summary(options, format) }, body);
}

function summary(options: BarChartOptions, format: (value: number) => string): string {
  const what = `${options.yLabel ?? 'Value'}${options.xLabel ? ` per ${options.xLabel}` : ''}`;
  const values = options.labels.map((label, i) => `${label} ${plottable(options.values[i]) ? format(options.values[i]) : 'no value'}`);
  let best = -1;
  options.values.forEach((value, i) => {
    if (plottable(value) && (best < 0 || value > options.values[best])) best = i;
  });
  return `Bar chart of ${what}: ${values.join(', ')}. Highest: ${options.labels[best]}.`;
}

/** Writes every bar value with the same decimals: two significant digits of the largest magnitude. */
function sharedPrecision(values: number[]): (value: number) => string {
  const largest = Math.max(...values.map(Math.abs));
  const decimals = largest > 0 ? Math.min(4, Math.max(0, 1 - Math.floor(Math.log10(largest)))) : 0;
  return (value) => {
    const written = value.toFixed(decimals);
    return Number(written) === 0 ? '0' : written;
  };
}
