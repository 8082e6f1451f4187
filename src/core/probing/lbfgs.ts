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
  /**
   * Pairs to start from and to leave the run's pairs in (a warm start of the curvature as well as of x, for a
   * sequence of related problems); default: fresh pairs, `memory` of them.
   */
  pairs?: CurvaturePairs;
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
 * L-BFGS's memory: the last steps s and gradient changes y, whose two-loop recursion applies the
 * inverse-Hessian estimate. Only pairs of positive curvature s·y are kept.
 */
export class CurvaturePairs {
  private s: Float64Array[];
  private y: Float64Array[];
  private rho: Float64Array;
  private readonly alpha: Float64Array;
  private stored = 0;
  private newest = -1;

  constructor(
    readonly size: number,
    readonly memory: number,
  ) {
    this.s = Array.from({ length: memory }, () => new Float64Array(size));
    this.y = Array.from({ length: memory }, () => new Float64Array(size));
    this.rho = new Float64Array(memory);
    this.alpha = new Float64Array(memory);
  }

  get count(): number {
    return this.stored;
  }

  clear(): void {
    this.stored = 0;
  }

  /** Stores the step from x to next and the gradient change, if its curvature is positive. */
  push(x: Float64Array, next: Float64Array, gradient: Float64Array, nextGradient: Float64Array): void {
    const k = (this.newest + 1) % this.memory;
    const sk = this.s[k];
    const yk = this.y[k];
    for (let i = 0; i < this.size; i++) {
      sk[i] = next[i] - x[i];
      yk[i] = nextGradient[i] - gradient[i];
    }
    const curvature = dot(sk, yk);
    if (!(curvature > 0)) {
      // Slot k held the oldest pair when the memory was full: it is gone.
      if (this.stored === this.memory) this.stored--;
      return;
    }
    this.rho[k] = 1 / curvature;
    this.newest = k;
    this.stored = Math.min(this.memory, this.stored + 1);
  }

  /**
   * Adapts the pairs to an objective that differs by (delta / 2)·‖x[0 .. count)‖² (a change of L2 strength):
   * its gradient changes exactly by delta·s on those coordinates. Pairs whose curvature is no longer positive
   * are dropped.
   */
  addQuadratic(count: number, delta: number): void {
    const kept: number[] = [];
    for (let back = this.stored - 1; back >= 0; back--) {
      const k = (this.newest - back + this.memory) % this.memory;
      const sk = this.s[k];
      const yk = this.y[k];
      for (let i = 0; i < count; i++) yk[i] += delta * sk[i];
      const curvature = dot(sk, yk);
      if (curvature > 0) {
        this.rho[k] = 1 / curvature;
        kept.push(k);
      }
    }
    // The kept pairs, oldest first, become slots 0 … kept − 1; the other buffers follow.
    const order = [...kept, ...this.s.keys()].filter((k, i, all) => all.indexOf(k) === i);
    this.s = order.map((k) => this.s[k]);
    this.y = order.map((k) => this.y[k]);
    this.rho = Float64Array.from(order, (k) => this.rho[k]);
    this.stored = kept.length;
    this.newest = kept.length - 1;
  }

  /** direction = −H·gradient (the steepest descent when no pair is stored). */
  direction(gradient: Float64Array, direction: Float64Array): void {
    const { s, y, rho, alpha, memory: m, stored, newest } = this;
    for (let i = 0; i < direction.length; i++) direction[i] = -gradient[i];
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
  }
}

/**
 * Minimises `objective` from `x` (updated in place) by limited-memory BFGS: the two-loop recursion for the
 * direction and a bisection line search for the weak Wolfe conditions (Lewis & Overton), which keeps every
 * stored pair's curvature s·y positive. Sequential float64 arithmetic: the same start gives the same answer.
 */
export async function minimizeLbfgs(objective: Objective, x: Float64Array, options: LbfgsOptions): Promise<LbfgsResult> {
  const n = x.length;
  const pairs = options.pairs ?? new CurvaturePairs(n, Math.max(1, options.memory ?? 10));
  if (pairs.size !== n) throw new Error(`minimizeLbfgs: curvature pairs of ${pairs.size} values for ${n} parameters`);
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

    pairs.direction(gradient, direction);
    let slope = dot(direction, gradient);
    if (!(slope < 0)) {
      // Lost descent (rounding, or pairs from an earlier problem): restart from steepest descent.
      pairs.clear();
      for (let i = 0; i < n; i++) direction[i] = -gradient[i];
      slope = dot(direction, gradient);
    }

    // The first step has no curvature to go by: a unit move along the normalised gradient.
    let step = pairs.count === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
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
    pairs.push(x, next, gradient, nextGradient);
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
