import { STRATEGIES } from './heads/registry';
import type { EncoderResult, LayerWeights } from './result';
import type { Task } from './task';

/** The layer a strategy's output leans on for one text: 0 is the embeddings output, L the last layer. */
export interface LayerLean {
  /** Null when no single layer stands out (concat projects every layer at once). */
  layer: number | null;
  /** How the layer was found, in a phrase ("largest ScalarMix weight, 0.31"). */
  reason: string;
}

/**
 * Which layer the strategy `strategy` of `task` leans on in an encoder's result: ScalarMix the layer of its
 * largest mixing weight; DWAtt the layer of the largest α averaged over the words of the text; a strategy that
 * reads only the top layer (every pooling, the weighted and attention ones included, and fusion's last and
 * last+mlp) that layer, the last. Undefined for a strategy this version does not know.
 */
export function layerLean(encoder: EncoderResult, task: Task, strategy: string): LayerLean | undefined {
  const last = encoder.encoder.layers;
  const weights = task === 'ner' ? encoder.ner.find((r) => r.strategy === strategy)?.layerWeights : undefined;
  if (weights) return leanOfWeights(weights);
  const known = STRATEGIES[task].find((s) => s.name === strategy);
  if (!known) return undefined;
  if (known.reads === 'top') return { layer: last, reason: 'reads only the last layer' };
  return { layer: null, reason: 'mixes every layer through one learned projection: no single layer stands out' };
}

function leanOfWeights(weights: LayerWeights): LayerLean {
  if (weights.kind === 'global') {
    const layer = argmax(weights.weights);
    return { layer, reason: `largest ScalarMix weight, ${weights.weights[layer].toFixed(2)}` };
  }
  if (weights.rows.length === 0) return { layer: null, reason: 'no words to average DWAtt’s attention over' };
  const means = Array.from({ length: weights.layers }, (_, l) => weights.rows.reduce((sum, row) => sum + row[l], 0) / weights.rows.length);
  const layer = argmax(means);
  return { layer, reason: `largest mean DWAtt attention over the ${weights.rows.length} word${weights.rows.length === 1 ? '' : 's'}, ${means[layer].toFixed(2)}` };
}

/** The index of the largest value (the first on ties). */
function argmax(values: readonly number[]): number {
  return values.reduce((best, value, i) => (value > values[best] ? i : best), 0);
}
