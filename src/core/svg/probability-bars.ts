import { ACCENT, FONT_SIZE, noDataChart, svgDocument } from './frame';
import { element, text, textWidth, tooltip, truncate } from './markup';
import { formatPercent } from './number-format';

export interface ProbabilityItem {
  label: string;
  /** In [0, 1]; values outside are drawn clamped (and written as given), a non-finite one as a dash. */
  probability: number;
}

export interface ProbabilityBarsOptions {
  title: string;
  /** One bar per label, in the order given (the label order of the head). */
  items: readonly ProbabilityItem[];
  width?: number;
}

const ROW = 22;
const BAR = 12;
const LABEL_MAX = 120;
const PERCENT_WIDTH = 52;

/** Horizontal probability bars, one per label, the most likely label drawn strongest. */
export function probabilityBars(options: ProbabilityBarsOptions): string {
  const width = options.width ?? 360;
  const kind = 'pl-probability-bars';
  const { items } = options;
  if (!items.some((item) => Number.isFinite(item.probability))) return noDataChart(kind, options.title, width, 90);

  const labelWidth = Math.min(LABEL_MAX, Math.max(...items.map((item) => textWidth(item.label, FONT_SIZE)))) + 8;
  const trackLeft = 8 + labelWidth;
  const trackWidth = Math.max(40, width - trackLeft - PERCENT_WIDTH - 8);
  const top = 34;
  const height = top + items.length * ROW + 8;
  const best = items.reduce((at, item, i) => (Number.isFinite(item.probability) && (at < 0 || item.probability > items[at].probability) ? i : at), -1);

  const bars: string[] = [];
  const labels: string[] = [];
  items.forEach((item, i) => {
    const y = top + i * ROW;
    const percent = formatPercent(item.probability);
    labels.push(text(trackLeft - 8, y + BAR - 1, truncate(item.label, labelWidth - 8, FONT_SIZE), { 'text-anchor': 'end', 'font-weight': i === best ? 600 : undefined }));
    labels.push(text(width - 8, y + BAR - 1, percent, { 'text-anchor': 'end', class: i === best ? undefined : 'pl-muted' }));
    bars.push(element('rect', { x: trackLeft, y, width: trackWidth, height: BAR, rx: 2, fill: 'currentColor', 'fill-opacity': 0.12 }));
    if (!Number.isFinite(item.probability)) return;
    const filled = trackWidth * Math.min(1, Math.max(0, item.probability));
    const hover = tooltip(`${item.label}: ${percent}`);
    const strength = i === best ? 1 : 0.5;
    bars.push(element('rect', { class: i === best ? 'pl-top' : undefined, x: trackLeft, y, width: filled, height: BAR, rx: 2, fill: 'currentColor', 'fill-opacity': strength }, hover));
  });
  const body = element('g', { class: ACCENT.class, color: ACCENT.color }, bars.join('')) + labels.join('');
  const listed = items.map((item) => `${item.label} ${formatPercent(item.probability)}`).join(', ');
  const summary = `Probabilities: ${listed}. Most likely: ${items[best].label}.`;
  return svgDocument({ kind, width, height, title: options.title, summary }, body);
}
