import { allocLike, type Tape, Tensor } from './tensor';

function sameShape(op: string, a: Tensor, b: Tensor): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new Error(`${op}: shapes ${a.rows}x${a.cols} and ${b.rows}x${b.cols} differ`);
  }
}

export function add(tape: Tape, a: Tensor, b: Tensor): Tensor {
  sameShape('add', a, b);
  const out = allocLike(a.data, a.size);
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < out.length; i++) out[i] = x[i] + y[i];
  const result = tape.output(out, a.rows, a.cols, [a, b]);
  tape.record(result, () => {
    const g = result.grad!;
    if (a.grad) for (let i = 0; i < g.length; i++) a.grad[i] += g[i];
    if (b.grad) for (let i = 0; i < g.length; i++) b.grad[i] += g[i];
  });
  return result;
}

/** x + c for a constant c (no gradient needed for c). */
export function addConstant(tape: Tape, x: Tensor, c: number): Tensor {
  const out = allocLike(x.data, x.size);
  const xs = x.data;
  for (let i = 0; i < out.length; i++) out[i] = xs[i] + c;
  const result = tape.output(out, x.rows, x.cols, [x]);
  tape.record(result, () => {
    const g = result.grad!;
    const xg = x.grad!;
    for (let i = 0; i < g.length; i++) xg[i] += g[i];
  });
  return result;
}

/** x · s for a learned scalar s ([1 x 1]), e.g. ScalarMix's γ. */
export function scaleBy(tape: Tape, x: Tensor, s: Tensor): Tensor {
  if (s.size !== 1) throw new Error('scaleBy: the scale must be a single value');
  const out = allocLike(x.data, x.size);
  const xs = x.data;
  const c = s.data[0];
  for (let i = 0; i < out.length; i++) out[i] = xs[i] * c;
  const result = tape.output(out, x.rows, x.cols, [x, s]);
  tape.record(result, () => {
    const g = result.grad!;
    if (x.grad) for (let i = 0; i < g.length; i++) x.grad[i] += g[i] * c;
    if (s.grad) {
      let sum = 0;
      for (let i = 0; i < g.length; i++) sum += g[i] * xs[i];
      s.grad[0] += sum;
    }
  });
  return result;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_CUBIC = 0.044715;

/**
 * GELU in its tanh form, 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))) — the form GPT-2 uses. Chosen over the
 * erf form because its derivative is exact in closed form (no erf approximation to differentiate).
 */
export function gelu(tape: Tape, x: Tensor): Tensor {
  const out = allocLike(x.data, x.size);
  // tanh is the costly part: kept (in float64, so gradients are unchanged) for the backward pass rather than
  // computed twice.
  const tanhs = tape.recording ? new Float64Array(x.size) : null;
  const xs = x.data;
  for (let i = 0; i < out.length; i++) {
    const v = xs[i];
    const th = Math.tanh(SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v));
    if (tanhs) tanhs[i] = th;
    out[i] = 0.5 * v * (1 + th);
  }
  const result = tape.output(out, x.rows, x.cols, [x]);
  tape.record(result, () => {
    const g = result.grad!;
    const xg = x.grad!;
    for (let i = 0; i < g.length; i++) {
      const v = xs[i];
      const th = tanhs![i];
      const dInner = SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * v * v);
      xg[i] += g[i] * (0.5 * (1 + th) + 0.5 * v * (1 - th * th) * dInner);
    }
  });
  return result;
}

/** ELU with α = 1: x for x > 0, eˣ − 1 otherwise. */
export function elu(tape: Tape, x: Tensor): Tensor {
  const out = allocLike(x.data, x.size);
  const xs = x.data;
  for (let i = 0; i < out.length; i++) {
    const v = xs[i];
    out[i] = v > 0 ? v : Math.expm1(v);
  }
  const result = tape.output(out, x.rows, x.cols, [x]);
  tape.record(result, () => {
    const g = result.grad!;
    const xg = x.grad!;
    // For x ≤ 0 the derivative eˣ equals out + 1.
    for (let i = 0; i < g.length; i++) xg[i] += xs[i] > 0 ? g[i] : g[i] * (out[i] + 1);
  });
  return result;
}
