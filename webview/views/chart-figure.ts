import { actionButton, element } from '../dom';

export interface ChartFigureOptions {
  /** Names the chart for the Save button and the scroll box (the chart draws its own visible title). */
  name: string;
  /** What the chart shows, in a sentence under it. */
  caption: string;
  fileName: string;
  /** A chart that may grow tall (a heatmap of a long text) scrolls inside a box the keyboard can reach. */
  scrolls?: boolean;
}

/**
 * A chart from src/core/svg as a figure with a "Save SVG" button. The chart functions embed a <style> block
 * (for viewers outside VS Code); the panel's CSP forbids inline styles, so it is dropped from the drawn copy
 * (media/panel.css carries the same theme rules) and kept in the saved file.
 */
export function chartFigure(svg: string, options: ChartFigureOptions): HTMLElement {
  const button = actionButton('Save SVG', () => ({ type: 'saveSvg', svg, suggestedName: options.fileName }), {
    secondary: true,
    ariaLabel: `Save SVG of ${options.name}`,
  });
  const picture = options.scrolls
    ? element('div', { className: 'chart-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': options.name } }, svgElement(svg))
    : svgElement(svg);
  return element('figure', { className: 'chart' }, picture, element('figcaption', { className: 'chart-caption' }, element('span', { text: options.caption }), button));
}

// Removed from the text, not the parsed tree: Chromium checks the CSP (and reports a violation) while parsing.
// Chart text is escaped, so the only `<style>` in a chart is the one its frame writes.
const STYLE_BLOCK = /<style>[\s\S]*?<\/style>/g;

/**
 * The chart as DOM. Parsed by the page's HTML parser (inline SVG), several times faster than an XML DOMParser
 * plus importNode for a heatmap of a few thousand cells; the markup comes from src/core/svg, which escapes
 * every text it writes.
 */
function svgElement(svg: string): Element {
  const template = document.createElement('template');
  template.innerHTML = svg.replace(STYLE_BLOCK, '');
  const root = template.content.firstElementChild;
  if (!root || root.tagName.toLowerCase() !== 'svg') throw new Error('the chart is not an SVG document');
  return root;
}
