import { throwIfCancelled } from '../errors';

/** f(x), writing ∇f(x) into `gradient` (at once, or when the promise settles). */
export type Objective = (x: Float64Array, gradient: Float64Array) => number | Promise<number>;

export interface LbfgsOptions {
  /** Converged when max |∂f/∂x_i| falls to this (scikit-learn's `tol` for lbfgs, on the mean loss). */
  gradientTolerance: number;
  /** Most iterations (line searches); reaching it means not converged. */
  maxIterations: number;
  /** Pairs (s, y) kept for the inverse-Hessian estimate. */
  memory?: number;
  signal?: AbortSignal;
}

export interface LbfgsResult {
  value: number;
  iterations: number;
  /** True when the gradient (or the relative decrease of f, as scikit-learn asks of lbfgs) reached its tolerance. */
  converged: boolean;
  /** max |∂f/∂x_i| at the end. */
  gradientNorm: number;
}

/** scikit-learn's `ftol` for lbfgs (64 × machine epsilon): a relative decrease of f this small ends the run as converged. */
const RELATIVE_DECREASE = 64 * Number.EPSILON;
/** Weak Wolfe conditions: sufficient decrease and curvature. */
const ARMIJO = 1e-4;
const CURVATURE = 0.9;
const LINE_SEARCH_TRIALS = 40;
/** Yield to the event loop at most this often, so a cancel from elsewhere lands mid-fit. */
const YIELD_EVERY_MS = 15;

/**
 * Minimises `objective` from `x` (updated in place) by limited-memory BFGS: the two-loop recursion for the
 * direction and a bisection line search for the weak Wolfe conditions (Lewis & Overton), which keeps every
 * stored pair's curvature s·y positive. Sequential float64 arithmetic: the same start gives the same answer.
 */
export async function minimizeLbfgs(objective: Objective, x: Float64Array, options: LbfgsOptions): Promise<LbfgsResult> {
  const n = x.length;
  const m = Math.max(1, options.memory ?? 10);
  const s = Array.from({ length: m }, () => new Float64Array(n));
  const y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let stored = 0;
  let newest = -1;
  let gradient = new Float64Array(n);
  let nextGradient = new Float64Array(n);
  const next = new Float64Array(n);
  const direction = new Float64Array(n);
  let value = await objective(x, gradient);
  let lastYield = Date.now();
  let iterations = 0;
  for (; ; iterations++) {
    const gradientNorm = maxAbs(gradient);
    if (!Number.isFinite(value) || !Number.isFinite(gradientNorm)) return { value, iterations, converged: false, gradientNorm };
    if (gradientNorm <= options.gradientTolerance) return { value, iterations, converged: true, gradientNorm };
    if (iterations >= options.maxIterations) return { value, iterations, converged: false, gradientNorm };
    if (Date.now() - lastYield >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = Date.now();
    }
    throwIfCancelled(options.signal);

    // Two-loop recursion: direction = −H·gradient, H the L-BFGS inverse-Hessian estimate.
    for (let i = 0; i < n; i++) direction[i] = -gradient[i];
    for (let back = 0; back < stored; back++) {
      const k = (newest - back + m) % m;
      alpha[k] = rho[k] * dot(s[k], direction);
      axpy(-alpha[k], y[k], direction);
    }
    if (stored > 0) scale(direction, 1 / (rho[newest] * dot(y[newest], y[newest])));
    for (let back = stored - 1; back >= 0; back--) {
      const k = (newest - back + m) % m;
      const beta = rho[k] * dot(y[k], direction);
      axpy(alpha[k] - beta, s[k], direction);
    }
    let slope = dot(direction, gradient);
    if (!(slope < 0)) {
      // Lost descent (rounding): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i];
      slope = dot(direction, gradient);
    }

    // The first step has no curvature to go by: a unit move along the normalised gradient.
    let step = stored === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let low = 0;
    let high = Infinity;
    let nextValue = NaN;
    let accepted = false;
    for (let trial = 0; trial < LINE_SEARCH_TRIALS; trial++) {
      for (let i = 0; i < n; i++) next[i] = x[i] + step * direction[i];
      nextValue = await objective(next, nextGradient);
      if (!(nextValue <= value + ARMIJO * step * slope)) high = step;
      else if (dot(nextGradient, direction) < CURVATURE * slope) low = step;
      else {
        accepted = true;
        break;
      }
      step = high < Infinity ? (low + high) / 2 : 2 * low;
    }
    if (!accepted) {
      // No step satisfies both conditions within float64 resolution: as far as this can go.
      return { value, iterations, converged: false, gradientNorm };
    }
    newest = (newest + 1) % m;
    const sk = s[newest];
    const yk = y[newest];
    for (let i = 0; i < n; i++) {
      sk[i] = next[i] - x[i];
      yk[i] = nextGradient[i] - gradient[i];
    }
    const curvature = dot(sk, yk);
    if (curvature > 0) {
      rho[newest] = 1 / curvature;
      stored = Math.min(m, stored + 1);
    } else {
      newest = (newest - 1 + m) % m;
    }
    const decrease = (value - nextValue) / Math.max(Math.abs(value), Math.abs(nextValue), 1);
    x.set(next);
    [gradient, nextGradient] = [nextGradient, gradient];
    value = nextValue;
    if (decrease <= RELATIVE_DECREASE) return { value, iterations: iterations + 1, converged: true, gradientNorm: maxAbs(gradient) };
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += a * x[i];
}

function scale(x: Float64Array, factor: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= factor;
}

function maxAbs(x: Float64Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const v = Math.abs(x[i]);
    if (v > max || Number.isNaN(v)) max = v;
  }
  return max;
}
