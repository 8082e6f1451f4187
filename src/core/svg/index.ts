/**
 * Charts as SVG strings: pure functions with no DOM and no Node APIs, so the CLI (report files), the extension
 * and the webview all draw the same pictures. See frame.ts for how they follow the editor theme.
 */
export { lineChart, type LineChartOptions, type LinePoint, type LineSeries } from './line-chart';
export { barChart, type BarChartOptions } from './bar-chart';
export { heatmap, type HeatmapOptions } from './heatmap';
export { probabilityBars, type ProbabilityBarsOptions, type ProbabilityItem } from './probability-bars';
export { escapeXml } from './escape';
export { formatNumber, formatPercent } from './number-format';
