import { linear, Tape, Tensor } from '../heads/autograd';
import type { Head } from '../heads/head';
import type { Standardizer } from '../heads/standardizer';
import { StandardizerFitter } from '../heads/standardizer';
import { makeBatch, predictExamples } from './batches';
import type { FeatureSet } from './features';

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
export function fullHeadView(head: Head, train: FeatureSet, dev: FeatureSet, devExamples: Int32Array, standardizer: Standardizer): TrainingView {
  return {
    logits: (tape, examples) => head.forward(tape, makeBatch(head, train, examples, standardizer)).logits,
    devPredictions: () => predictExamples(head, dev, devExamples, standardizer).predicted,
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
export function fixedVectorsView(
  head: Head,
  train: FeatureSet,
  trainExamples: Int32Array,
  dev: FeatureSet,
  devExamples: Int32Array,
  standardizer: Standardizer,
): TrainingView {
  const d = head.shape.hiddenSize;
  const trainVectors = encodeAll(head, train, trainExamples, standardizer);
  const devVectors = encodeAll(head, dev, devExamples, standardizer);
  const fitter = new StandardizerFitter(1, d);
  fitter.add([trainVectors.data]);
  const vectorScaling = fitter.fit();
  vectorScaling.apply(0, trainVectors.data);
  vectorScaling.apply(0, devVectors.data);
  // Where each training example's rows start among trainVectors, by example index.
  const start = new Int32Array(train.count).fill(-1);
  trainExamples.forEach((example, i) => (start[example] = trainVectors.offsets[i]));
  const { weight, bias } = head.classifier;
  return {
    logits(tape, examples) {
      let rows = 0;
      for (const e of examples) rows += vectorCount(head, train, e);
      const x = new Float32Array(rows * d);
      let o = 0;
      for (const e of examples) {
        const length = vectorCount(head, train, e) * d;
        x.set(trainVectors.data.subarray(start[e] * d, start[e] * d + length), o);
        o += length;
      }
      return linear(tape, new Tensor(x, rows, d), weight, bias);
    },
    devPredictions() {
      const rows = devVectors.data.length / d;
      return argmaxRows(linear(new Tape(false), new Tensor(devVectors.data, rows, d), weight, bias));
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

/** The head's vectors for these examples (rows in example order) and where each example's rows start. */
function encodeAll(head: Head, features: FeatureSet, examples: Int32Array, standardizer: Standardizer, chunk = 256): { data: Float32Array; offsets: Int32Array } {
  const offsets = new Int32Array(examples.length + 1);
  examples.forEach((e, i) => (offsets[i + 1] = offsets[i] + vectorCount(head, features, e)));
  const d = head.shape.hiddenSize;
  const data = new Float32Array(offsets[examples.length] * d);
  const tape = new Tape(false);
  for (let s = 0; s < examples.length; s += chunk) {
    const part = examples.subarray(s, s + chunk);
    data.set(head.encode(tape, makeBatch(head, features, part, standardizer)).vectors.data, offsets[s] * d);
  }
  return { data, offsets };
}

/** Vectors a head makes for one example: one per sentence (sentiment), one per word (ner). */
function vectorCount(head: Head, features: FeatureSet, example: number): number {
  return head.task === 'sentiment' ? 1 : features.rowCounts[example];
}

function argmaxRows(logits: Tensor): Int32Array {
  const k = logits.cols;
  const out = new Int32Array(logits.rows);
  for (let r = 0; r < logits.rows; r++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (logits.data[r * k + j] > logits.data[r * k + best]) best = j;
    out[r] = best;
  }
  return out;
}
