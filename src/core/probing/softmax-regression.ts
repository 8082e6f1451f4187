import { argmaxAt } from '../train/argmax';
import { logSumExp } from '../train/views/logistic-regression';
import { accumulateRows, COLUMN_GROUP, dotColumns } from '../train/views/row-kernels';
import { type LbfgsResult, minimizeLbfgs, type Objective } from './lbfgs';

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
  /** Inverse regularisation strength, scikit-learn's C: the objective is mean cross-entropy + ‖W‖² / (2·C·rows). */
  C: number;
  gradientTolerance: number;
  maxIterations: number;
  signal?: AbortSignal;
}

/**
 * A multinomial logistic regression (softmax over `classes` labels) on `dim` features. Parameters live in one
 * float64 vector: W column by column (classes padded with zero columns to whole groups of the row kernels),
 * then the bias, which is not regularised (as in scikit-learn).
 */
export class SoftmaxRegression {
  /** W's columns padded to a multiple of COLUMN_GROUP. */
  private readonly padded: number;
  readonly parameters: Float64Array;

  constructor(
    readonly dim: number,
    readonly classes: number,
  ) {
    if (classes < 2) throw new Error('SoftmaxRegression: needs at least two classes');
    this.padded = Math.ceil(classes / COLUMN_GROUP) * COLUMN_GROUP;
    this.parameters = new Float64Array(this.padded * dim + classes);
  }

  /** The weight of feature p for class j. */
  weight(p: number, j: number): number {
    return this.parameters[j * this.dim + p];
  }

  bias(j: number): number {
    return this.parameters[this.padded * this.dim + j];
  }

  /**
   * Fits to convergence on the full batch with L-BFGS, starting from the current parameters (zeros, or a
   * previous fit: a warm start).
   */
  fit(data: LabelledRows, options: FitOptions): Promise<LbfgsResult> {
    return minimizeLbfgs(this.objective(data, options.C), this.parameters, { memory: LBFGS_MEMORY, ...options });
  }

  /** The objective fit minimises over a parameter vector laid out like `parameters`: mean cross-entropy + ‖W‖² / (2·C·rows). */
  objective(data: LabelledRows, C: number): Objective {
    checkRows(data, this.dim);
    for (let i = 0; i < data.rows; i++) {
      const label = data.labels[i];
      if (!(label >= 0 && label < this.classes)) throw new Error(`SoftmaxRegression: label ${label} of row ${i} outside 0..${this.classes - 1}`);
    }
    const objective = new CrossEntropyObjective(this.dim, this.classes, this.padded, data, 1 / (C * data.rows));
    return (theta, gradient) => objective.evaluate(theta, gradient);
  }

  /** Log-probabilities (natural log), rows × classes. */
  logProbabilities(x: Float32Array, rows: number): Float64Array {
    const { dim, classes, padded } = this;
    const logits = new Float64Array(rows * padded);
    linearRows(this.parameters, dim, classes, padded, x, rows, logits);
    const out = new Float64Array(rows * classes);
    for (let i = 0; i < rows; i++) {
      const normalizer = logSumExp(logits, i * padded, classes);
      for (let j = 0; j < classes; j++) out[i * classes + j] = logits[i * padded + j] - normalizer;
    }
    return out;
  }

  /** The most likely class of each row (the first on ties). */
  predict(x: Float32Array, rows: number): Int32Array {
    const { dim, classes, padded } = this;
    const logits = new Float64Array(rows * padded);
    linearRows(this.parameters, dim, classes, padded, x, rows, logits);
    const out = new Int32Array(rows);
    for (let i = 0; i < rows; i++) out[i] = argmaxAt(logits, i * padded, classes);
    return out;
  }
}

function checkRows(data: LabelledRows, dim: number): void {
  if (data.cols !== dim || data.x.length !== data.rows * dim || data.labels.length !== data.rows) {
    throw new Error(`SoftmaxRegression: ${data.rows} rows of ${data.cols} (${data.x.length} values, ${data.labels.length} labels) for ${dim} features`);
  }
  if (data.rows === 0) throw new Error('SoftmaxRegression: no rows to fit');
}

/** logits row i (padded columns) = x_i W + b. */
function linearRows(theta: Float64Array, dim: number, classes: number, padded: number, x: Float32Array, rows: number, logits: Float64Array): void {
  const columns = theta.subarray(0, padded * dim);
  const bias = padded * dim;
  for (let i = 0; i < rows; i++) {
    dotColumns(x, i * dim, columns, padded, dim, logits, i * padded);
    for (let j = 0; j < classes; j++) logits[i * padded + j] += theta[bias + j];
  }
}

/** Mean softmax cross-entropy + (λ/2)‖W‖² and its gradient, with buffers allocated once per fit. */
class CrossEntropyObjective {
  private readonly logits: Float64Array;
  /** ∂(mean loss)/∂logits, class by class over the rows (an even count of classes: the kernel takes two). */
  private readonly logitGradient: Float64Array;
  private readonly weightGradient: Float64Array;

  constructor(
    private readonly dim: number,
    private readonly classes: number,
    private readonly padded: number,
    private readonly data: LabelledRows,
    private readonly lambda: number,
  ) {
    const even = classes + (classes % 2);
    this.logits = new Float64Array(data.rows * padded);
    this.logitGradient = new Float64Array(even * data.rows);
    this.weightGradient = new Float64Array(even * dim);
  }

  evaluate(theta: Float64Array, gradient: Float64Array): number {
    const { dim, classes, padded, data, lambda, logits, logitGradient, weightGradient } = this;
    const n = data.rows;
    linearRows(theta, dim, classes, padded, data.x, n, logits);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const o = i * padded;
      const label = data.labels[i];
      const normalizer = logSumExp(logits, o, classes);
      loss += normalizer - logits[o + label];
      for (let j = 0; j < classes; j++) logitGradient[j * n + i] = (Math.exp(logits[o + j] - normalizer) - (j === label ? 1 : 0)) / n;
    }
    weightGradient.fill(0);
    for (let j = 0; j < classes; j += 2) {
      accumulateRows(weightGradient, j * dim, logitGradient, j * n, weightGradient, (j + 1) * dim, logitGradient, (j + 1) * n, data.x, 0, n, dim);
    }
    gradient.fill(0);
    let penalty = 0;
    for (let j = 0; j < classes; j++) {
      for (let p = 0; p < dim; p++) {
        const w = theta[j * dim + p];
        penalty += w * w;
        gradient[j * dim + p] = weightGradient[j * dim + p] + lambda * w;
      }
    }
    const bias = padded * dim;
    for (let j = 0; j < classes; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += logitGradient[j * n + i];
      gradient[bias + j] = sum;
    }
    return loss / n + (lambda / 2) * penalty;
  }
}
