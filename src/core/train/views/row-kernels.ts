/**
 * Kernels over rows of a float32 matrix against float64 columns, unrolled so each loaded value serves several
 * multiply-adds (measured in V8 at about twice the speed of one dot or one axpy at a time).
 */

/** Columns handled per read of a row by dotColumns: callers pad their column count to a multiple of it. */
export const COLUMN_GROUP = 3;

/**
 * out[oo + c] = x[xo .. xo + n) · columns[c·n .. (c + 1)·n) for every column c < count, count a multiple of
 * COLUMN_GROUP (pad with zero columns).
 */
export function dotColumns(x: Float32Array, xo: number, columns: Float64Array, count: number, n: number, out: Float64Array, oo: number): void {
  for (let c = 0; c < count; c += COLUMN_GROUP) {
    const c0 = c * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    let a0 = 0;
    let a1 = 0;
    let b0 = 0;
    let b1 = 0;
    let e0 = 0;
    let e1 = 0;
    let p = 0;
    for (; p + 2 <= n; p += 2) {
      const h0 = x[xo + p];
      const h1 = x[xo + p + 1];
      a0 += h0 * columns[c0 + p];
      a1 += h1 * columns[c0 + p + 1];
      b0 += h0 * columns[c1 + p];
      b1 += h1 * columns[c1 + p + 1];
      e0 += h0 * columns[c2 + p];
      e1 += h1 * columns[c2 + p + 1];
    }
    if (p < n) {
      const h = x[xo + p];
      a0 += h * columns[c0 + p];
      b0 += h * columns[c1 + p];
      e0 += h * columns[c2 + p];
    }
    out[oo + c] = a0 + a1;
    out[oo + c + 1] = b0 + b1;
    out[oo + c + 2] = e0 + e1;
  }
}

/**
 * u[uo + p] += Σ_i a[ao + i] · row_i[p] and v[vo + p] += Σ_i b[bo + i] · row_i[p] over rows first ..
 * first + count − 1 of x (n values each), four rows per pass over u and v.
 */
export function accumulateRows(
  u: Float64Array,
  uo: number,
  a: Float64Array,
  ao: number,
  v: Float64Array,
  vo: number,
  b: Float64Array,
  bo: number,
  x: Float32Array,
  first: number,
  count: number,
  n: number,
): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const a0 = a[ao + i];
    const a1 = a[ao + i + 1];
    const a2 = a[ao + i + 2];
    const a3 = a[ao + i + 3];
    const b0 = b[bo + i];
    const b1 = b[bo + i + 1];
    const b2 = b[bo + i + 2];
    const b3 = b[bo + i + 3];
    const o0 = (first + i) * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    for (let p = 0; p < n; p++) {
      const h0 = x[o0 + p];
      const h1 = x[o1 + p];
      const h2 = x[o2 + p];
      const h3 = x[o3 + p];
      u[uo + p] += a0 * h0 + a1 * h1 + a2 * h2 + a3 * h3;
      v[vo + p] += b0 * h0 + b1 * h1 + b2 * h2 + b3 * h3;
    }
  }
  for (; i < count; i++) {
    const ai = a[ao + i];
    const bi = b[bo + i];
    const o = (first + i) * n;
    for (let p = 0; p < n; p++) {
      const h = x[o + p];
      u[uo + p] += ai * h;
      v[vo + p] += bi * h;
    }
  }
}
