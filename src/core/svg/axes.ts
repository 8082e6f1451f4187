import { FONT_SIZE } from './frame';
import { element, text, textWidth } from './markup';
import type { Scale } from './scale';

export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Horizontal grid lines, tick labels and the rotated axis title of a vertical (value) axis. */
export function yAxis(scale: Scale, plot: PlotArea, label: string, format: (value: number) => string): string {
  const parts: string[] = [];
  for (const tick of scale.ticks) {
    const y = scale.map(tick);
    parts.push(element('line', { class: 'pl-grid', x1: plot.left, x2: plot.right, y1: y, y2: y, stroke: 'currentColor', 'stroke-opacity': 0.12 }));
    parts.push(text(plot.left - 6, y + 4, format(tick), { 'text-anchor': 'end' }));
  }
  const middle = (plot.top + plot.bottom) / 2;
  parts.push(text(14, middle, label, { 'text-anchor': 'middle', transform: `rotate(-90 14 ${middle})` }));
  parts.push(axisLine(plot.left, plot.top, plot.left, plot.bottom));
  return parts.join('');
}

/** The width tick labels of a value axis need, for the left margin. */
export function yLabelWidth(scale: Scale, format: (value: number) => string): number {
  return Math.max(0, ...scale.ticks.map((tick) => textWidth(format(tick), FONT_SIZE)));
}

/**
 * Tick marks and labels of a horizontal axis at the given values, and its title. Labels that would overlap the
 * previous one are left out (the tick mark stays), so dense log ticks stay readable.
 */
export function xAxis(map: (value: number) => number, ticks: number[], plot: PlotArea, label: string, format: (value: number) => string): string {
  const parts: string[] = [axisLine(plot.left, plot.bottom, plot.right, plot.bottom)];
  let lastRight = -Infinity;
  for (const tick of ticks) {
    const x = map(tick);
    parts.push(element('line', { class: 'pl-axis', x1: x, x2: x, y1: plot.bottom, y2: plot.bottom + 4, stroke: 'currentColor', 'stroke-opacity': 0.55 }));
    const written = format(tick);
    const half = textWidth(written, FONT_SIZE) / 2;
    if (x - half < lastRight + 6) continue;
    lastRight = x + half;
    parts.push(text(x, plot.bottom + 17, written, { 'text-anchor': 'middle' }));
  }
  parts.push(text((plot.left + plot.right) / 2, plot.bottom + 36, label, { 'text-anchor': 'middle' }));
  return parts.join('');
}

function axisLine(x1: number, y1: number, x2: number, y2: number): string {
  return element('line', { class: 'pl-axis', x1, y1, x2, y2, stroke: 'currentColor', 'stroke-opacity': 0.55 });
}
