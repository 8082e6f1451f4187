import type { Tensor } from '../../heads/autograd';
import { argmaxAt } from '../argmax';

/** Examples per forward pass outside training (dev scoring, vectors computed once). */
export const CHUNK = 256;

export function chunks(examples: Int32Array, size = CHUNK): Int32Array[] {
  const parts: Int32Array[] = [];
  for (let s = 0; s < examples.length; s += size) parts.push(examples.subarray(s, s + size));
  return parts;
}

/** Argmax label per row of logits (or probabilities) split into parts. */
export function argmaxRows(parts: readonly Pick<Tensor, 'data' | 'rows' | 'cols'>[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.rows, 0));
  let r = 0;
  for (const { data, rows, cols: k } of parts) {
    for (let i = 0; i < rows; i++, r++) out[r] = argmaxAt(data, i * k, k);
  }
  return out;
}

/** How the training loop sees a head: gradients for training examples, predictions on dev, and a last step. */
export interface TrainingView {
  /**
   * Sets every parameter's gradient to that of the mean loss over these training examples (a subset of the
   * prepared inputs' trainExamples) and returns the loss.
   */
  gradients(examples: ArrayLike<number>): number;
  /** Argmax label per dev row. */
  devPredictions(): Int32Array;
  /** Called once the kept weights are restored. */
  finish(): void;
}

/**
 * How gradients are computed: 'fused' takes the fused steps where a head has one (the same math, several
 * times faster), 'tape' runs every head through the autograd tape — the reference the fused steps are tested
 * against.
 */
export type GradientPath = 'fused' | 'tape';
