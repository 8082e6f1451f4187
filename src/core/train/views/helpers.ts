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
