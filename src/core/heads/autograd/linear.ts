import { addProduct, addProductTransposed, addTransposedProduct } from './matmul-kernels';
import { allocLike, type Tape, Tensor } from './tensor';

/** x W + b: x is [n x d], W is stored [d x k] (input-major, so every inner loop runs over contiguous memory), b is [1 x k] or null. */
export function linear(tape: Tape, x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const n = x.rows;
  const d = x.cols;
  const k = weight.cols;
  if (weight.rows !== d) throw new Error(`linear: input has ${d} features, weight expects ${weight.rows}`);
  if (bias && bias.size !== k) throw new Error(`linear: bias has ${bias.size} values, expected ${k}`);
  const out = allocLike(x.data, n * k);
  if (bias) for (let i = 0; i < n; i++) out.set(bias.data, i * k);
  addProduct(out, x.data, weight.data, n, d, k);
  const result = tape.output(out, n, k, bias ? [x, weight, bias] : [x, weight]);
  tape.record(result, () => {
    const g = result.grad!;
    if (x.grad) addProductTransposed(x.grad, g, weight.data, n, d, k);
    if (weight.grad) addTransposedProduct(weight.grad, x.data, g, n, d, k);
    if (bias?.grad) {
      const bg = bias.grad;
      for (let i = 0; i < n; i++) {
        const o = i * k;
        for (let j = 0; j < k; j++) bg[j] += g[o + j];
      }
    }
  });
  return result;
}

/** a bᵀ for a [n x d], b [m x d]: row-by-row dot products, e.g. queries against keys. */
export function matmulTransposed(tape: Tape, a: Tensor, b: Tensor): Tensor {
  const n = a.rows;
  const m = b.rows;
  const d = a.cols;
  if (b.cols !== d) throw new Error(`matmulTransposed: ${d} vs ${b.cols} features`);
  const out = allocLike(a.data, n * m);
  const as = a.data;
  const bs = b.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      const ao = i * d;
      const bo = j * d;
      for (let p = 0; p < d; p++) s += as[ao + p] * bs[bo + p];
      out[i * m + j] = s;
    }
  }
  const result = tape.output(out, n, m, [a, b]);
  tape.record(result, () => {
    const g = result.grad!;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const gij = g[i * m + j];
        if (gij === 0) continue;
        const ao = i * d;
        const bo = j * d;
        if (a.grad) for (let p = 0; p < d; p++) a.grad[ao + p] += gij * bs[bo + p];
        if (b.grad) for (let p = 0; p < d; p++) b.grad[bo + p] += gij * as[ao + p];
      }
    }
  });
  return result;
}
