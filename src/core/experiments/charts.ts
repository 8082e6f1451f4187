import { barChart, lineChart } from '../svg';
import { layerCurveChart } from '../probing/layer-curve-chart';
import type { CellRecord, ChartRecord, EncoderRecord, LayerSweepRecord } from './types';

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A file-name-safe form of an encoder label. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'encoder';
}

/**
 * The experiment's pictures: per encoder, the metric (in points) against training size with one line per
 * strategy and mean ± std error bars; for fusion, DWAtt's mean α per layer at the largest size.
 */
export function experimentCharts(
  cells: readonly CellRecord[],
  encoders: readonly EncoderRecord[],
  strategies: readonly string[],
  metric: { key: string; label: string },
  unit: string,
  layerSweeps: readonly LayerSweepRecord[] = [],
): ChartRecord[] {
  const charts: ChartRecord[] = [];
  for (const encoder of encoders) {
    const mine = cells.filter((c) => c.encoder === encoder.label);
    const title = `${capitalised(metric.label)} vs training size — ${encoder.label}`;
    const series = strategies.map((strategy) => ({
      name: strategy,
      points: mine
        .filter((c) => c.strategy === strategy)
        .map((c) => ({ x: c.size, y: 100 * c.metrics[metric.key].mean, std: c.metrics[metric.key].std === null ? undefined : 100 * c.metrics[metric.key].std! })),
    }));
    const svg = lineChart({ title, xLabel: `Training ${unit} (log scale)`, yLabel: `Dev ${metric.label} (%)`, series, logX: true });
    charts.push({ id: `${metric.key}-vs-size-${slug(encoder.label)}`, kind: 'metric-vs-size', encoder: encoder.label, title, svg });

    const dwatt = mine.filter((c) => c.strategy === 'dwatt' && c.layerWeights).sort((a, b) => b.size - a.size)[0];
    if (dwatt?.layerWeights) {
      const seeds = dwatt.layerWeights[0].n;
      const weightsTitle = `DWAtt mean α per layer — ${encoder.label}, ${dwatt.size} ${unit}, ${seeds} seed${seeds === 1 ? '' : 's'}`;
      const labels = dwatt.layerWeights.map((_, l) => (l === 0 ? 'emb' : String(l)));
      const weights = barChart({
        title: weightsTitle,
        labels,
        values: dwatt.layerWeights.map((w) => w.mean),
        xLabel: 'layer (emb = embeddings output)',
        yLabel: 'mean α over dev words',
        yDomain: [0, 1 / labels.length],
        width: 640,
      });
      charts.push({ id: `dwatt-alpha-${slug(encoder.label)}`, kind: 'layer-weights', encoder: encoder.label, title: weightsTitle, svg: weights });
    }
    const swept = layerSweeps.find((s) => s.encoder === encoder.label)?.sweep;
    if (swept) {
      const { title: curveTitle, svg: curve } = layerCurveChart(encoder.label, swept);
      charts.push({ id: `layers-${slug(encoder.label)}`, kind: 'layer-curve', encoder: encoder.label, title: curveTitle, svg: curve });
    }
  }
  return charts;
}
