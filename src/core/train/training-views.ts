import { linear, softmaxRows, Tape, Tensor } from '../heads/autograd';
import type { Head } from '../heads/head';
import { StandardizerFitter } from '../heads/standardizer';
import type { FeatureRows } from './features';
import { batchOf, type PreparedInputs } from './prepared-inputs';

/** How the training loop sees a head: logits for training examples, predictions on dev, and a last step. */
export interface TrainingView {
  /** Logits for these training examples, rows aligned with gatherLabels (one per sentence or word). */
  logits(tape: Tape, examples: readonly number[]): Tensor;
  /** Argmax label per dev row. */
  devPredictions(): Int32Array;
  /** Called once the kept weights are restored. */
  finish(): void;
}

/** Runs the whole head on every step: the general case. */
export function fullHeadView(head: Head, inputs: PreparedInputs): TrainingView {
  const d = head.shape.hiddenSize;
  return {
    logits: (tape, examples) => head.forward(tape, batchOf(inputs.readTrain(examples, head.inputLayers), d)).logits,
    devPredictions() {
      const tape = new Tape(false);
      // Argmax of the probabilities, as predictExamples takes it (rounding can tie logits that differ).
      return argmaxRows(chunks(inputs.devExamples).map((part) => softmaxRows(tape, head.forward(tape, batchOf(inputs.readDev(part, head.inputLayers), d)).logits)));
    },
    finish: () => undefined,
  };
}

/**
 * For heads whose vectors have no parameters (fixedVectors): the vectors of train and dev are computed once,
 * standardised feature by feature on the training vectors, and only the classifier trains — a logistic
 * regression on standardised features, at the cost of a matrix product per step. finish() folds the
 * standardisation into the classifier, so the saved head needs nothing extra:
 * ((v − μ) ⊙ s) W + b = v (diag(s) W) + (b − (μ ⊙ s) W).
 */
export function fixedVectorsView(head: Head, inputs: PreparedInputs): TrainingView {
  const d = head.shape.hiddenSize;
  const { trainExamples } = inputs;
  const trainCounts = inputs.train.features.rowCounts;
  const trainVectors = encodeAll(head, trainExamples, trainCounts, (part) => inputs.readTrain(part, head.inputLayers));
  const devVectors = encodeAll(head, inputs.devExamples, inputs.dev.features.rowCounts, (part) => inputs.readDev(part, head.inputLayers));
  const fitter = new StandardizerFitter(1, d);
  fitter.add([trainVectors.data]);
  const vectorScaling = fitter.fit();
  vectorScaling.apply(0, trainVectors.data);
  vectorScaling.apply(0, devVectors.data);
  // Where each training example's rows start among trainVectors, by example index.
  const start = new Int32Array(inputs.train.features.count).fill(-1);
  trainExamples.forEach((example, i) => (start[example] = trainVectors.offsets[i]));
  const { weight, bias } = head.classifier;
  return {
    logits(tape, examples) {
      let rows = 0;
      for (const e of examples) rows += vectorCount(head, trainCounts, e);
      const x = new Float32Array(rows * d);
      let o = 0;
      for (const e of examples) {
        const length = vectorCount(head, trainCounts, e) * d;
        x.set(trainVectors.data.subarray(start[e] * d, start[e] * d + length), o);
        o += length;
      }
      return linear(tape, new Tensor(x, rows, d), weight, bias);
    },
    devPredictions() {
      const rows = devVectors.data.length / d;
      return argmaxRows([linear(new Tape(false), new Tensor(devVectors.data, rows, d), weight, bias)]);
    },
    finish() {
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

/** Examples per forward pass outside training (dev scoring, vectors computed once). */
const CHUNK = 256;

function chunks(examples: Int32Array): Int32Array[] {
  const parts: Int32Array[] = [];
  for (let s = 0; s < examples.length; s += CHUNK) parts.push(examples.subarray(s, s + CHUNK));
  return parts;
}

/** The head's vectors for these examples (rows in example order) and where each example's rows start. */
function encodeAll(head: Head, examples: Int32Array, rowCounts: Int32Array, read: (part: Int32Array) => FeatureRows): { data: Float32Array; offsets: Int32Array } {
  const offsets = new Int32Array(examples.length + 1);
  examples.forEach((e, i) => (offsets[i + 1] = offsets[i] + vectorCount(head, rowCounts, e)));
  const d = head.shape.hiddenSize;
  const data = new Float32Array(offsets[examples.length] * d);
  const tape = new Tape(false);
  for (let s = 0; s < examples.length; s += CHUNK) {
    const part = examples.subarray(s, s + CHUNK);
    data.set(head.encode(tape, batchOf(read(part), d)).vectors.data, offsets[s] * d);
  }
  return { data, offsets };
}

/** Vectors a head makes for one example: one per sentence (sentiment), one per word (ner). */
function vectorCount(head: Head, rowCounts: Int32Array, example: number): number {
  return head.task === 'sentiment' ? 1 : rowCounts[example];
}

/** Argmax label per row of logits (or probabilities) split into parts. */
function argmaxRows(parts: Tensor[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.rows, 0));
  let r = 0;
  for (const { data, rows, cols: k } of parts) {
    for (let i = 0; i < rows; i++, r++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (data[i * k + j] > data[i * k + best]) best = j;
      out[r] = best;
    }
  }
  return out;
}
