import type { EncoderResult, NerResult } from '../../src/core/result';
import { barChart, heatmap } from '../../src/core/svg';
import { element, heading, uniqueId } from '../dom';
import { svgFileName } from '../view-model/format';
import { chartFigure } from './chart-figure';

/**
 * How much each layer contributed: DWAtt's α per word (a words × layers heatmap) and ScalarMix's one weight per
 * layer (a bar chart). Strategies without learned layer weights (last, concat) have nothing to draw.
 */
export function fusionSection(text: string, encoder: EncoderResult, encoderName: string): HTMLElement | undefined {
  if (encoder.ner.length === 0) return undefined;
  const id = uniqueId('fusion');
  const section = element('section', { className: 'task task-fusion', attrs: { 'aria-labelledby': id } }, heading(3, 'Layer fusion weights', id));
  const figures = encoder.ner.flatMap((strategy) => {
    const figure = layerWeightsFigure(text, strategy, encoderName);
    return figure ? [figure] : [];
  });
  if (figures.length === 0) {
    section.append(element('p', { className: 'muted', text: 'None of these fusion strategies learns layer weights (ScalarMix and DWAtt do).' }));
  }
  section.append(...figures);
  return section;
}

function layerWeightsFigure(text: string, strategy: NerResult, encoderName: string): HTMLElement | undefined {
  const weights = strategy.layerWeights;
  if (!weights) return undefined;
  if (weights.kind === 'per-word') {
    const title = `${strategy.strategy}: α per word and layer`;
    const svg = heatmap({
      title,
      rows: strategy.words.map((word) => text.slice(word.start, word.end)),
      columns: layerLabels(weights.layers),
      values: weights.rows,
      rowLabel: 'word',
      columnLabel: 'layer (emb = embeddings)',
      valueLabel: 'α',
    });
    return chartFigure(svg, {
      name: `${title}, ${encoderName}`,
      caption: 'DWAtt weighs the layers anew for every word: the darker a cell, the more that layer made up the word.',
      fileName: svgFileName(encoderName, strategy.strategy, 'alpha'),
      scrolls: true,
    });
  }
  const title = `${strategy.strategy}: weight per layer (γ = ${weights.gamma.toFixed(2)})`;
  const svg = barChart({ title, labels: layerLabels(weights.weights.length), values: weights.weights, xLabel: 'layer (emb = embeddings)', yLabel: 'weight' });
  return chartFigure(svg, {
    name: `${title}, ${encoderName}`,
    caption: 'ScalarMix learns one weight per layer, the same for every word; γ scales the mix.',
    fileName: svgFileName(encoderName, strategy.strategy, 'layer-weights'),
  });
}

/** L + 1 layer outputs: the embeddings, then blocks 1 … L. */
function layerLabels(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? 'emb' : String(i)));
}
