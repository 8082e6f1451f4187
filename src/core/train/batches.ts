import { softmaxRows, Tape, Tensor } from '../heads/autograd';
import type { Head, HeadBatch } from '../heads/head';
import type { Standardizer } from '../heads/standardizer';
import { argmaxAt } from './argmax';
import type { FeatureSet } from './features/features';

/**
 * Gold labels of a feature set, over all its examples: one per sentence (sentiment) or one list per sentence
 * with one label per word (ner).
 */
export type ExampleLabels = Int32Array | readonly Int32Array[];

/** A head's input for these examples: the layers it reads, standardised. */
export function makeBatch(head: Head, features: FeatureSet, examples: ArrayLike<number>, standardizer: Standardizer): HeadBatch {
  const { layers, offsets } = features.read(examples, head.inputLayers);
  const rows = offsets[examples.length];
  return {
    layers: layers.map((data, i) => {
      standardizer.apply(head.inputLayers[i], data);
      return new Tensor(data, rows, features.hiddenSize);
    }),
    offsets,
  };
}

/** The labels of these examples, aligned with the head's logits rows. */
export function gatherLabels(labels: ExampleLabels, examples: ArrayLike<number>): Int32Array {
  if (labels instanceof Int32Array) {
    const out = new Int32Array(examples.length);
    for (let i = 0; i < examples.length; i++) out[i] = labels[examples[i]];
    return out;
  }
  let total = 0;
  for (let i = 0; i < examples.length; i++) total += labels[examples[i]].length;
  const out = new Int32Array(total);
  let o = 0;
  for (let i = 0; i < examples.length; i++) {
    out.set(labels[examples[i]], o);
    o += labels[examples[i]].length;
  }
  return out;
}

/** Where each example's labels start among gathered labels: one row per sentence, or one per word. */
export function labelOffsets(labels: ExampleLabels, examples: ArrayLike<number>): Int32Array {
  const offsets = new Int32Array(examples.length + 1);
  for (let i = 0; i < examples.length; i++) {
    offsets[i + 1] = offsets[i] + (labels instanceof Int32Array ? 1 : labels[examples[i]].length);
  }
  return offsets;
}

export interface Predictions {
  /** Argmax label per logits row (sentence or word). */
  predicted: Int32Array;
  /** Row-major [rows x labels] softmax probabilities. */
  probabilities: Float32Array;
}

/** Runs the head without recording gradients over these examples, `chunk` examples per forward pass. */
export function predictExamples(head: Head, features: FeatureSet, examples: ArrayLike<number>, standardizer: Standardizer, chunk = 256): Predictions {
  const k = head.shape.numLabels;
  const parts: Float32Array[] = [];
  const tape = new Tape(false);
  for (let start = 0; start < examples.length; start += chunk) {
    const part = Array.from({ length: Math.min(chunk, examples.length - start) }, (_, i) => examples[start + i]);
    const { logits } = head.forward(tape, makeBatch(head, features, part, standardizer));
    parts.push(Float32Array.from(softmaxRows(tape, logits).data));
  }
  const probabilities = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    probabilities.set(p, offset);
    offset += p.length;
  }
  const predicted = new Int32Array(probabilities.length / k);
  for (let r = 0; r < predicted.length; r++) predicted[r] = argmaxAt(probabilities, r * k, k);
  return { predicted, probabilities };
}
