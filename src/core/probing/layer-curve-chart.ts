import { lineChart } from '../svg';
import type { LayerSweep } from './layer-sweep';
import { layerName } from './sweep-tables';

/**
 * A sweep's curves as one line chart: the dev score (in points) of each strategy's probe per layer; `marks`
 * names each strategy's best and expected layer in a sentence, for a caption (seven strategies do not fit
 * under the axis). The experiment reports and the panel's Layers section draw this same chart.
 */
export function layerCurveChart(encoderLabel: string, sweep: LayerSweep): { title: string; svg: string; marks: string } {
  const metric = sweep.metric.label;
  const title = `${metric.charAt(0).toUpperCase()}${metric.slice(1)} of a linear probe per layer — ${encoderLabel}`;
  const marks = sweep.strategies.map((s) => `${s.strategy} ${layerName(s.bestLayer)} (${s.expectedLayer === null ? 'none' : s.expectedLayer.toFixed(1)})`);
  const svg = lineChart({
    title,
    xLabel: 'Layer (0 = embeddings output)',
    yLabel: `Dev ${metric} (%)`,
    series: sweep.strategies.map((s) => ({ name: s.strategy, points: s.layers.map((l) => ({ x: l.layer, y: 100 * l.score })) })),
  });
  return { title, svg, marks: `Best layer (expected layer): ${marks.join(', ')}.` };
}
