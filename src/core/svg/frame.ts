import { escapeXml } from './escape';
import { element, text, truncate } from './markup';

/**
 * The outer <svg> of every chart and the theme it draws with.
 *
 * Colours are set twice: as presentation attributes (a light palette, used by standalone viewers and
 * renderers without CSS variables) and in a <style> block through CSS variables, which wins where supported:
 * inside a VS Code webview the `--vscode-*` theme variables apply (light, dark, high contrast); a page can
 * override any colour with `--pl-*` variables. Text and axes use `currentColor`, so they follow the
 * surrounding text colour. Every rule is scoped to `.pl-chart`, as inline SVG styles apply to the whole page.
 */

export const FONT_SIZE = 12;
export const TITLE_SIZE = 13;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Ubuntu, sans-serif";
const TEXT_COLOUR = '#1f2328';

/** Series colours: VS Code's chart colours in a webview, this light palette elsewhere. */
const SERIES = [
  { variable: '--vscode-charts-blue', light: '#1f6feb' },
  { variable: '--vscode-charts-orange', light: '#c2410c' },
  { variable: '--vscode-charts-green', light: '#1a7f37' },
  { variable: '--vscode-charts-purple', light: '#8250df' },
  { variable: '--vscode-charts-red', light: '#cf222e' },
  { variable: '--vscode-charts-yellow', light: '#9a6700' },
];
/**
 * Dash patterns, cycled alongside the colours with a period (5) prime to theirs (6): no two of the first 30
 * series share colour and dash, and the two warm colours (orange, series 1; yellow, series 5), which some
 * themes make alike, are told apart by their dash too. Series also stay apart in monochrome.
 */
const DASHES = [undefined, '6 3', '2 3', '8 3 2 3', '12 4'];

/** The attributes of series i's group: its colour (children draw with currentColor) and its class. */
export function seriesStyle(index: number): { class: string; color: string; dash: string | undefined } {
  const slot = index % SERIES.length;
  return {
    class: `pl-series pl-s${slot}`,
    color: SERIES[slot].light,
    dash: DASHES[index % DASHES.length],
  };
}

/** The accent used by single-colour charts (bars, heatmap cells): the first series colour. */
export const ACCENT = { class: 'pl-accent', color: SERIES[0].light };

const STYLE = [
  `.pl-chart{color:var(--pl-foreground,var(--vscode-foreground,${TEXT_COLOUR}));` +
    `font-family:var(--vscode-font-family,${FONT_FAMILY})}`,
  ...SERIES.map(({ variable, light }, i) => `.pl-chart .pl-s${i}{color:var(--pl-series-${i},var(${variable},${light}))}`),
  `.pl-chart .pl-accent{color:var(--pl-accent,var(--vscode-charts-blue,${SERIES[0].light}))}`,
  '.pl-chart .pl-axis{stroke:currentColor;stroke-opacity:0.55}',
  '.pl-chart .pl-grid{stroke:currentColor;stroke-opacity:0.12}',
  '.pl-chart .pl-muted{fill-opacity:0.7}',
].join('\n');

export interface Frame {
  /** A class naming the kind of chart (pl-line-chart, ...), for styling by the page. */
  kind: string;
  width: number;
  height: number;
  title: string;
  /** What the chart shows, in words: the <desc> screen readers read. */
  summary: string;
}

/** The complete SVG document around a chart's body markup. */
export function svgDocument(frame: Frame, body: string): string {
  const root = {
    xmlns: 'http://www.w3.org/2000/svg',
    class: `pl-chart ${frame.kind}`,
    width: frame.width,
    height: frame.height,
    viewBox: `0 0 ${frame.width} ${frame.height}`,
    role: 'img',
    'aria-label': frame.title,
    color: TEXT_COLOUR,
    'font-family': FONT_FAMILY,
    'font-size': FONT_SIZE,
  };
  const head =
    `<title>${escapeXml(frame.title)}</title><desc>${escapeXml(frame.summary)}</desc>` + `<style>${STYLE}</style>`;
  return element('svg', root, head + titleText(frame.title, frame.width) + body);
}

/** The visible title, top left, shortened to fit (the full title is the document's <title>). */
function titleText(title: string, width: number): string {
  return text(8, 18, truncate(title, width - 16, TITLE_SIZE), { 'font-size': TITLE_SIZE, 'font-weight': 600 });
}

/** A chart with nothing to plot: the title and a message where the plot would be, never an empty or broken image. */
export function noDataChart(kind: string, title: string, width: number, height: number): string {
  const message = 'No data to plot.';
  const box = element('rect', {
    x: 8,
    y: 28,
    width: width - 16,
    height: Math.max(24, height - 36),
    fill: 'none',
    stroke: 'currentColor',
    'stroke-opacity': 0.3,
    'stroke-dasharray': '4 4',
    rx: 4,
  });
  const label = text(width / 2, 28 + Math.max(24, height - 36) / 2 + 4, message, { 'text-anchor': 'middle', class: 'pl-muted' });
  return svgDocument({ kind: `${kind} pl-no-data`, width, height, title, summary: `${title}: ${message}` }, box + label);
}
