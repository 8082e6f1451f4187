import type { Parameter } from '../heads/autograd';
import type { Head } from '../heads/head';
import type { ExampleLabels } from './batches';
import { WeightedPoolingStep } from './fused/weighted-pooling';
import type { PreparedInputs } from './prepared-inputs';
import { argmaxRows, chunks, type TrainingView } from './view-helpers';

/** Sentiment's weighted pooling: the one head with a strategy stage that WeightedPoolingStep computes fused. */
export function isWeightedPooling(head: Head): boolean {
  return head.task === 'sentiment' && head.strategy === 'weighted';
}

/**
 * Trains weighted pooling with the fused WeightedPoolingStep. The token rows come straight from the packed
 * standardised matrix when it is in memory (a step copies nothing), or are read per minibatch otherwise.
 */
export function weightedPoolingView(head: Head, inputs: PreparedInputs, trainLabels: ExampleLabels): TrainingView {
  if (!isWeightedPooling(head)) throw new Error(`${head.task}/${head.strategy} is not weighted pooling`);
  if (!(trainLabels instanceof Int32Array)) throw new Error('weighted pooling needs one label per sentence');
  const layer = head.inputLayers[0];
  const trainCounts = inputs.train.features.rowCounts;
  const devCounts = inputs.dev.features.rowCounts;
  let maxTokens = 0;
  for (const e of inputs.trainExamples) maxTokens = Math.max(maxTokens, trainCounts[e]);
  for (const e of inputs.devExamples) maxTokens = Math.max(maxTokens, devCounts[e]);
  const step = new WeightedPoolingStep(
    {
      scoreWeight: parameter(head, 'pooling.score.weight'),
      scoreBias: parameter(head, 'pooling.score.bias'),
      weight: head.classifier.weight,
      bias: head.classifier.bias,
    },
    maxTokens,
  );
  const trainRows = inputs.packedTrain(layer);
  const devRows = inputs.packedDev(layer);
  const k = head.shape.numLabels;
  let from = new Int32Array(0);
  let to = new Int32Array(0);
  let labels = new Int32Array(0);
  const reserve = (count: number) => {
    if (from.length >= count) return;
    from = new Int32Array(count);
    to = new Int32Array(count);
    labels = new Int32Array(count);
  };
  return {
    gradients(examples) {
      reserve(examples.length);
      for (let i = 0; i < examples.length; i++) labels[i] = trainLabels[examples[i]];
      if (trainRows) {
        spans(examples, trainRows.start, trainCounts, from, to);
        return step.gradients(trainRows.rows, from, to, labels, examples.length);
      }
      const read = inputs.readTrain(examples, [layer]);
      offsetSpans(read.offsets, from, to);
      return step.gradients(read.layers[0], from, to, labels, examples.length);
    },
    devPredictions() {
      const parts = chunks(inputs.devExamples).map((part) => {
        reserve(part.length);
        const logits = new Float64Array(part.length * k);
        if (devRows) {
          spans(part, devRows.start, devCounts, from, to);
          step.logitsOf(devRows.rows, from, to, part.length, logits);
        } else {
          const read = inputs.readDev(part, [layer]);
          offsetSpans(read.offsets, from, to);
          step.logitsOf(read.layers[0], from, to, part.length, logits);
        }
        return { data: logits, rows: part.length, cols: k };
      });
      return argmaxRows(parts);
    },
    finish: () => undefined,
  };
}

function parameter(head: Head, name: string): Parameter {
  const found = head.parameters.find((p) => p.name === name);
  if (!found) throw new Error(`${head.strategy} head has no parameter ${name}`);
  return found;
}

/** Rows of each example in a packed matrix: from start[e] for rowCounts[e] rows. */
function spans(examples: ArrayLike<number>, start: Int32Array, rowCounts: Int32Array, from: Int32Array, to: Int32Array): void {
  for (let i = 0; i < examples.length; i++) {
    const e = examples[i];
    if (!(start[e] >= 0)) throw new Error(`example ${e} is not in the prepared set`);
    from[i] = start[e];
    to[i] = start[e] + rowCounts[e];
  }
}

/** Rows of each example in a matrix read for just these examples. */
function offsetSpans(offsets: Int32Array, from: Int32Array, to: Int32Array): void {
  for (let i = 0; i + 1 < offsets.length; i++) {
    from[i] = offsets[i];
    to[i] = offsets[i + 1];
  }
}
