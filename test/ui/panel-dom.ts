/**
 * What the panel shows, read from its DOM in one evaluate call, so the tests can assert on plain data (and a
 * failing assertion prints it).
 */
import type { Frame } from 'playwright-core';

export interface ShownMark {
  text: string;
  title: string;
  classes: string[];
  /** Position relative to its text block, in CSS pixels. */
  left: number;
  top: number;
  colour: string;
  background: string;
}

export interface ShownNerRow {
  strategy: string;
  /** The block's text without the screen-reader-only descriptions. */
  text: string;
  width: number;
  height: number;
  marks: ShownMark[];
}

export interface ShownColumn {
  name: string;
  top: number;
  left: number;
  sentiment: { strategy: string; label: string; probabilities: string[] }[];
  weightedText: string | undefined;
  weightedPieces: number;
  nerRows: ShownNerRow[];
  legend: string[];
  heatmaps: { cells: number; label: string | null }[];
  barCharts: number;
  missing: string[];
}

export interface ShownPanel {
  columns: ShownColumn[];
  notices: string[];
  timings: string[][];
  bodyColour: string;
  bodyBackground: string;
  textBlockBackground: string;
  horizontalOverflow: boolean;
}

export async function readPanel(panel: Frame): Promise<ShownPanel> {
  return panel.evaluate(() => {
    const all = <T extends Element>(root: ParentNode, selector: string) => Array.from(root.querySelectorAll<T>(selector));
    const visibleText = (node: Element) => {
      const copy = node.cloneNode(true) as Element;
      copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
      return copy.textContent ?? '';
    };
    const columns = all<HTMLElement>(document, '.encoder').map((column) => {
      const box = column.getBoundingClientRect();
      const strategies = all<HTMLElement>(column, '.ner-strategy .strategy').map((node) => node.textContent ?? '');
      return {
        name: column.querySelector('h2')?.textContent ?? '',
        top: box.top,
        left: box.left,
        sentiment: all<HTMLTableRowElement>(column, '.sentiment-table tbody tr').map((row) => ({
          strategy: row.querySelector('.strategy')?.textContent ?? '',
          label: row.querySelector('.predicted')?.textContent ?? '',
          probabilities: all(row, '.probability-value').map((node) => node.textContent ?? ''),
        })),
        weightedText: column.querySelector('.token-weights .text-block')?.textContent ?? undefined,
        weightedPieces: all(column, '.weighted-token').length,
        nerRows: all<HTMLElement>(column, '.ner-text').map((block, i) => {
          const blockBox = block.getBoundingClientRect();
          return {
            strategy: strategies[i],
            text: visibleText(block),
            width: blockBox.width,
            height: blockBox.height,
            marks: all<HTMLElement>(block, 'mark').map((mark) => {
              const markBox = mark.getBoundingClientRect();
              const style = getComputedStyle(mark);
              return {
                text: visibleText(mark),
                title: mark.title,
                classes: Array.from(mark.classList),
                left: markBox.left - blockBox.left,
                top: markBox.top - blockBox.top,
                colour: style.color,
                background: style.backgroundColor,
              };
            }),
          };
        }),
        legend: all(column, '.legend li').map((item) => item.textContent ?? ''),
        heatmaps: all<SVGSVGElement>(column, 'svg.pl-heatmap').map((svg) => ({ cells: svg.querySelectorAll('rect > title').length, label: svg.getAttribute('aria-label') })),
        barCharts: all(column, 'svg.pl-bar-chart').length,
        missing: all(column, '.missing').map((node) => node.textContent ?? ''),
      };
    });
    const textBlock = document.querySelector('.text-block');
    return {
      columns,
      notices: all(document, '.notices li').map((item) => item.textContent ?? ''),
      timings: all<HTMLTableRowElement>(document, '.timings tbody tr').map((row) => Array.from(row.cells).map((cell) => cell.textContent ?? '')),
      bodyColour: getComputedStyle(document.body).color,
      bodyBackground: getComputedStyle(document.body).backgroundColor,
      textBlockBackground: textBlock ? getComputedStyle(textBlock).backgroundColor : '',
      horizontalOverflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  });
}

/** The computed colour a CSS colour expression resolves to in the panel (a theme variable, say). */
export async function resolveColour(panel: Frame, expression: string): Promise<string> {
  return panel.evaluate((value) => {
    const probe = document.createElement('span');
    probe.style.color = value;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, expression);
}
