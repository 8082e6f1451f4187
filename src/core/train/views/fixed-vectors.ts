import { Tape, Tensor } from '../../heads/autograd';
import type { Head } from '../../heads/head';
import { StandardizerFitter } from '../../heads/standardizer';
import { type ExampleLabels, gatherLabels } from '../batches';
import type { FeatureRows } from '../features/features';
import { LogisticRegressionStep } from './logistic-regression';
import { batchOf, type PackedLayer, type PreparedInputs } from '../features/prepared-inputs';
import { tapeLogisticRegression } from './tape-logistic-regression';
import type { GradientPath, TrainingView } from './view';
import { CHUNK } from './helpers';

/**
 * For heads whose vectors have no parameters (fixedVectors): the vectors of train and dev are computed once,
 * standardised feature by feature on the training vectors, and only the classifier trains — a logistic
 * regression on standardised features, one fused step (LogisticRegressionStep) per minibatch, or with
 * path 'tape' the same step through the autograd tape. finish() folds
 * the standardisation into the classifier, so the saved head needs nothing extra:
 * ((v − μ) ⊙ s) W + b = v (diag(s) W) + (b − (μ ⊙ s) W).
 */
export function fixedVectorsView(head: Head, inputs: PreparedInputs, trainLabels: ExampleLabels, path: GradientPath): TrainingView {
  // The vectors' width: the classifier's inputs (twice the hidden size for mean+max).
  const d = head.classifier.weight.rows;
  const layer = head.inputLayers.length === 1 ? head.inputLayers[0] : undefined;
  const { trainExamples, devExamples } = inputs;
  const trainCounts = inputs.train.features.rowCounts;
  const trainVectors = encodeAll(head, trainExamples, trainCounts, layer === undefined ? undefined : inputs.packedTrain(layer), (part) => inputs.readTrain(part, head.inputLayers));
  const devVectors = encodeAll(head, devExamples, inputs.dev.features.rowCounts, layer === undefined ? undefined : inputs.packedDev(layer), (part) => inputs.readDev(part, head.inputLayers));
  const fitter = new StandardizerFitter(1, d);
  fitter.add([trainVectors.data]);
  const vectorScaling = fitter.fit();
  vectorScaling.apply(0, trainVectors.data);
  vectorScaling.apply(0, devVectors.data);
  // Where each training example's vectors start among trainVectors, by example index; their labels, row by row.
  const start = new Int32Array(inputs.train.features.count).fill(-1);
  trainExamples.forEach((example, i) => (start[example] = trainVectors.offsets[i]));
  const rowLabels = gatherLabels(trainLabels, trainExamples);
  const { weight, bias } = head.classifier;
  const step = path === 'graph' ? new LogisticRegressionStep(weight, bias) : tapeLogisticRegression(weight, bias);
  let from = new Int32Array(0);
  let to = new Int32Array(0);
  return {
    async gradients(examples) {
      if (from.length < examples.length) {
        from = new Int32Array(examples.length);
        to = new Int32Array(examples.length);
      }
      for (let i = 0; i < examples.length; i++) {
        const e = examples[i];
        if (!(start[e] >= 0)) throw new Error(`example ${e} is not a training example`);
        from[i] = start[e];
        to[i] = start[e] + vectorCount(head, trainCounts, e);
      }
      return step.gradients(trainVectors.data, rowLabels, from, to, examples.length);
    },
    async devPredictions() {
      return step.predict(devVectors.data, devVectors.data.length / d);
    },
    async finish() {
      const mean = vectorScaling.mean[0];
      const scale = vectorScaling.scale[0];
      const k = weight.cols;
      for (let p = 0; p < d; p++) {
        for (let j = 0; j < k; j++) {
          bias.data[j] -= mean[p] * scale[p] * weight.data[p * k + j];
          weight.data[p * k + j] *= scale[p];
        }
      }
    },
  };
}

/**
 * The head's vectors for these examples (rows in example order) and where each example's rows start. When
 * the examples' rows are packed in memory they are encoded in one pass, straight from the packed matrix (the
 * examples are its rows, in its order); otherwise chunk by chunk as `read` gives them.
 */
function encodeAll(head: Head, examples: Int32Array, rowCounts: Int32Array, packed: PackedLayer | undefined, read: (part: Int32Array) => FeatureRows): { data: Float32Array; offsets: Int32Array } {
  const offsets = new Int32Array(examples.length + 1);
  examples.forEach((e, i) => (offsets[i + 1] = offsets[i] + vectorCount(head, rowCounts, e)));
  const d = head.shape.hiddenSize;
  const width = head.classifier.weight.rows;
  const tape = new Tape(false);
  if (packed) {
    const rowOffsets = new Int32Array(examples.length + 1);
    examples.forEach((e, i) => (rowOffsets[i + 1] = rowOffsets[i] + rowCounts[e]));
    const tokens = new Tensor(packed.rows, packed.rows.length / d, d);
    const vectors = head.encode(tape, { layers: [tokens], offsets: rowOffsets }).vectors.data;
    // A copy when the strategy hands its input back (last fusion): the vectors get standardised in place.
    return { data: vectors instanceof Float32Array && vectors.buffer !== packed.rows.buffer ? vectors : Float32Array.from(vectors), offsets };
  }
  const data = new Float32Array(offsets[examples.length] * width);
  for (let s = 0; s < examples.length; s += CHUNK) {
    const part = examples.subarray(s, s + CHUNK);
    data.set(head.encode(tape, batchOf(read(part), d)).vectors.data, offsets[s] * width);
  }
  return { data, offsets };
}

/** Vectors a head makes for one example: one per sentence (sentiment), one per word (ner). */
function vectorCount(head: Head, rowCounts: Int32Array, example: number): number {
  return head.task === 'sentiment' ? 1 : rowCounts[example];
}
