import { argmaxAt } from '../train/argmax';
import { CurvaturePairs, type LbfgsResult, minimizeLbfgs, type Objective } from './lbfgs';
import type { KernelRows, Precision, ProbeKernel } from './probe-kernel';

/** (s, y) pairs L-BFGS keeps: on probes of standardised features 40 took a third fewer iterations than 10, for little more work per iteration. */
const LBFGS_MEMORY = 40;

/** `rows` vectors of `cols` float32 values, one after another, and one label (0 … classes − 1) per row. */
export interface LabelledRows {
  x: Float32Array;
  rows: number;
  cols: number;
  labels: Int32Array;
}

export interface FitOptions {
  /** Inverse regularisation strength, scikit-learn's C: the objective is mean cross-entropy + λ‖W‖²/2, λ = 1 / (C·rows) (twice that for two classes, as SoftmaxRegression.l2Weight says). */
  C: number;
  gradientTolerance: number;
  maxIterations: number;
  signal?: AbortSignal;
}

/**
 * A multinomial logistic regression (softmax over `classes` labels) on `dim` features, computed by a
 * ProbeKernel. Parameters live in one float64 vector: W class by class (classes × dim), then the bias, which is
 * not regularised (as in scikit-learn).
 */
export class SoftmaxRegression {
  readonly parameters: Float64Array;
  /** The last fit's L-BFGS pairs and the L2 weight λ they were measured with. */
  private readonly pairs: CurvaturePairs;
  private lambda = 0;

  constructor(
    readonly dim: number,
    readonly classes: number,
    private readonly kernel: ProbeKernel,
  ) {
    if (classes < 2) throw new Error('SoftmaxRegression: needs at least two classes');
    this.parameters = new Float64Array(classes * dim + classes);
    this.pairs = new CurvaturePairs(this.parameters.length, LBFGS_MEMORY);
  }

  /** The weight of feature p for class j. */
  weight(p: number, j: number): number {
    return this.parameters[j * this.dim + p];
  }

  bias(j: number): number {
    return this.parameters[this.classes * this.dim + j];
  }

  /**
   * Fits to convergence on the full batch with L-BFGS, starting from the current parameters (zeros, or a
   * previous fit: a warm start) and from the previous fit's curvature pairs, corrected exactly for a change of
   * λ = 1 / (C·rows) (along a grid of C, the loss is the same and only the L2 term moves; on other rows, as
   * MDL's growing blocks, the pairs are an estimate the new steps soon replace). The loss runs in float32 until
   * that run stops (converged as far as float32 can tell, or its line search runs out of resolution), then in
   * float64 from there, which alone decides convergence; both share the iteration budget.
   */
  async fit(data: LabelledRows, options: FitOptions): Promise<LbfgsResult> {
    const lambda = this.l2Weight(options.C, data.rows);
    this.pairs.addQuadratic(this.classes * this.dim, lambda - this.lambda);
    this.lambda = lambda;
    const rows = this.kernelRows(data);
    const near = await minimizeLbfgs(this.objectiveOn(rows, options.C, 'float32'), this.parameters, { ...options, pairs: this.pairs });
    const result = await minimizeLbfgs(this.objectiveOn(rows, options.C, 'float64'), this.parameters, {
      ...options,
      maxIterations: options.maxIterations - near.iterations,
      pairs: this.pairs,
    });
    return { ...result, iterations: near.iterations + result.iterations };
  }

  /** The objective fit minimises (in float64) over a parameter vector laid out like `parameters`: mean cross-entropy + λ‖W‖²/2 (l2Weight). */
  objective(data: LabelledRows, C: number): Objective {
    return this.objectiveOn(this.kernelRows(data), C, 'float64');
  }

  /**
   * λ, the weight of ‖W‖²/2 beside the mean cross-entropy: 1 / (C·rows), as scikit-learn's C. With two classes
   * scikit-learn fits one vector w = W₁ − W₀ under ‖w‖² / (2·C·rows); the softmax's two vectors settle at ±w/2,
   * where ‖W‖² = ‖w‖²/2, so they take twice the weight to give the same model at the same C.
   */
  private l2Weight(C: number, rows: number): number {
    return (this.classes === 2 ? 2 : 1) / (C * rows);
  }

  private kernelRows(data: LabelledRows): KernelRows {
    const { dim, classes } = this;
    checkRows(data, dim);
    for (let i = 0; i < data.rows; i++) {
      const label = data.labels[i];
      if (!(label >= 0 && label < classes)) throw new Error(`SoftmaxRegression: label ${label} of row ${i} outside 0..${classes - 1}`);
    }
    return this.kernel.rows(data.x, data.rows, dim, data.labels, classes);
  }

  private objectiveOn(rows: KernelRows, C: number, precision: Precision): Objective {
    const { classes, dim, kernel } = this;
    const n = rows.rows;
    const lambda = this.l2Weight(C, n);
    const weights = classes * dim;
    return async (theta, gradient) => {
      const sums = await kernel.lossSums(rows, theta.subarray(0, weights), theta.subarray(weights), precision);
      let penalty = 0;
      for (let q = 0; q < weights; q++) {
        const w = theta[q];
        penalty += w * w;
        gradient[q] = sums.weightGradient[q] / n + lambda * w;
      }
      for (let j = 0; j < classes; j++) gradient[weights + j] = sums.biasGradient[j] / n;
      return sums.crossEntropy / n + (lambda / 2) * penalty;
    };
  }

  /** Log-probabilities (natural log), rows × classes. */
  logProbabilities(x: Float32Array, rows: number): Promise<Float64Array> {
    const weights = this.classes * this.dim;
    return this.kernel.logProbabilities(x, rows, this.parameters.subarray(0, weights), this.parameters.subarray(weights));
  }

  /** The most likely class of each row (the first on ties). */
  async predict(x: Float32Array, rows: number): Promise<Int32Array> {
    const logp = await this.logProbabilities(x, rows);
    return Int32Array.from({ length: rows }, (_, i) => argmaxAt(logp, i * this.classes, this.classes));
  }
}

function checkRows(data: LabelledRows, dim: number): void {
  if (data.cols !== dim || data.x.length !== data.rows * dim || data.labels.length !== data.rows) {
    throw new Error(`SoftmaxRegression: ${data.rows} rows of ${data.cols} (${data.x.length} values, ${data.labels.length} labels) for ${dim} features`);
  }
  if (data.rows === 0) throw new Error('SoftmaxRegression: no rows to fit');
}
