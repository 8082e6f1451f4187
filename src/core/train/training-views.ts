import { softmaxCrossEntropy, softmaxRows, Tape } from '../heads/autograd';
import type { Head } from '../heads/head';
import { type ExampleLabels, gatherLabels } from './batches';
import { fixedVectorsView } from './fixed-vectors-view';
import { batchOf, type PreparedInputs } from './prepared-inputs';
import { argmaxRows, chunks, type GradientPath, type TrainingView } from './view-helpers';
import { isWeightedPooling, weightedPoolingView } from './weighted-pooling-view';

/**
 * The view that computes the head's own math: with path 'fused', a fused logistic regression for heads with
 * fixed vectors and fused weighted pooling; the autograd tape for every other head.
 */
export function trainingView(head: Head, inputs: PreparedInputs, trainLabels: ExampleLabels, path: GradientPath = 'fused'): TrainingView {
  if (head.fixedVectors) return fixedVectorsView(head, inputs, trainLabels, path);
  if (isWeightedPooling(head) && path === 'fused') return weightedPoolingView(head, inputs, trainLabels);
  return tapeView(head, inputs, trainLabels);
}

/** Runs the whole head through the autograd tape on every step: the general case, and the fused views' reference. */
export function tapeView(head: Head, inputs: PreparedInputs, trainLabels: ExampleLabels): TrainingView {
  const d = head.shape.hiddenSize;
  return {
    gradients(examples) {
      for (const p of head.parameters) p.zeroGrad();
      const tape = new Tape();
      const { logits } = head.forward(tape, batchOf(inputs.readTrain(examples, head.inputLayers), d));
      const loss = softmaxCrossEntropy(tape, logits, gatherLabels(trainLabels, examples));
      tape.backward(loss);
      return loss.data[0];
    },
    devPredictions() {
      const tape = new Tape(false);
      // Argmax of the probabilities, as predictExamples takes it (rounding can tie logits that differ).
      return argmaxRows(chunks(inputs.devExamples).map((part) => softmaxRows(tape, head.forward(tape, batchOf(inputs.readDev(part, head.inputLayers), d)).logits)));
    },
    finish: () => undefined,
  };
}
