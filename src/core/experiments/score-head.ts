import { Tape } from '../heads/autograd';
import type { Head } from '../heads/head';
import type { Standardizer } from '../heads/standardizer';
import { argmaxAt } from '../train/argmax';
import { type ExampleLabels, gatherLabels, labelOffsets, makeBatch } from '../train/batches';
import type { FeatureSet } from '../train/features/features';
import { taskMetrics } from '../train/task-data';

export interface HeadScore {
  /** accuracy and macroF1 (sentiment), or f1, precision, recall and tagAccuracy (ner). */
  metrics: Record<string, number>;
  /**
   * The layer weights the head learned, one per layer (z_0 first): DWAtt's α averaged over every scored word,
   * ScalarMix's softmax(s). Absent for heads without layer weights.
   */
  layerWeights?: number[];
}

/**
 * Scores a trained head on `examples` of a feature set, in one pass that also averages its layer weights
 * (predictExamples would need a second pass for those).
 */
export function scoreHead(
  head: Head,
  features: FeatureSet,
  labels: ExampleLabels,
  examples: Int32Array,
  standardizer: Standardizer,
  labelNames: readonly string[],
  chunk = 256,
): HeadScore {
  const predicted = new Int32Array(labelOffsets(labels, examples)[examples.length]);
  const tape = new Tape(false);
  let weightSums: Float64Array | undefined;
  let weightRows = 0;
  let row = 0;
  for (let start = 0; start < examples.length; start += chunk) {
    const part = examples.subarray(start, start + chunk);
    const { logits, layerWeights } = head.forward(tape, makeBatch(head, features, part, standardizer));
    row = writeArgmax(logits.data, logits.cols, predicted, row);
    if (layerWeights) {
      weightSums ??= new Float64Array(layerWeights.cols);
      for (let r = 0; r < layerWeights.rows; r++) {
        for (let l = 0; l < layerWeights.cols; l++) weightSums[l] += layerWeights.data[r * layerWeights.cols + l];
      }
      weightRows += layerWeights.rows;
    }
  }
  const metrics = taskMetrics(head.task, labelNames, gatherLabels(labels, examples), predicted, labelOffsets(labels, examples));
  return weightSums ? { metrics, layerWeights: Array.from(weightSums, (sum) => sum / weightRows) } : { metrics };
}

/** Writes the argmax of each logits row into `out` from `row` on; returns the next row. */
function writeArgmax(logits: ArrayLike<number>, labels: number, out: Int32Array, row: number): number {
  const rows = logits.length / labels;
  for (let r = 0; r < rows; r++) out[row + r] = argmaxAt(logits, r * labels, labels);
  return row + rows;
}
