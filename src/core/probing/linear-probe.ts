import { ProbeLensError } from '../errors';
import { StandardizerFitter } from '../heads/standardizer';
import { accuracy } from '../train/metrics/metrics';
import type { DevMetric } from '../train/trainer';
import type { ProbeKernel } from './probe-kernel';
import { type FitOptions, type LabelledRows, SoftmaxRegression } from './softmax-regression';

/** A split to fit or score on: its rows, and where its sentences start among them (entity-level scores need them). */
export interface ProbeSplit extends LabelledRows {
  /** Sentences' row boundaries (length sentences + 1); default: one row per example. */
  offsets?: Int32Array;
}

/** Inverse regularisation strengths tried, strongest first (scikit-learn's C, on standardised features). */
export const DEFAULT_C_GRID: readonly number[] = [0.0001, 0.001, 0.01, 0.1, 1, 10];
/** scikit-learn's default tolerance for lbfgs: max |gradient| of the mean loss. */
export const DEFAULT_GRADIENT_TOLERANCE = 1e-4;
export const DEFAULT_MAX_ITERATIONS = 500;
/** The grid walk stops after this many strengths in a row score below the best on dev. */
const GRID_PATIENCE = 2;

export interface LinearProbeOptions {
  classes: number;
  metric: DevMetric;
  /** Computes the fits and the dev predictions (the returned model keeps using it). */
  kernel: ProbeKernel;
  grid?: readonly number[];
  /**
   * Where each C of the grid (by position) starts: the parameters there, when given (else the previous C's
   * result); each fit's result is left in their place, for a neighbouring problem (the next layer) to start from.
   */
  starts?: Float64Array[];
  gradientTolerance?: number;
  maxIterations?: number;
  /** Stop the walk after this many strengths in a row score below the best (default GRID_PATIENCE; Infinity fits the whole grid). */
  gridPatience?: number;
  signal?: AbortSignal;
}

/** One strength of the grid: its dev score and how its fit ended. */
export interface GridPoint {
  C: number;
  devScore: number;
  /** Dev accuracy per row (= devScore for sentiment; per word for NER, where devScore is entity F1). */
  devAccuracy: number;
  iterations: number;
  converged: boolean;
  /** max |gradient| at the end of the fit. */
  gradientNorm: number;
}

export interface LinearProbe {
  model: SoftmaxRegression;
  /** The chosen strength: the best dev score among the converged fits (the strongest regularisation on ties). */
  C: number;
  devScore: number;
  /** Every strength fitted, in the order tried. */
  grid: GridPoint[];
}

/**
 * L2-regularised softmax regression as probing papers fit it: to convergence on the full batch (L-BFGS), for
 * each C of the grid from the strongest regularisation to the weakest (each fit starting from the previous
 * one's weights and curvature, or from `starts`), scored on dev; the best converged C wins. The walk stops early once
 * `gridPatience` strengths in a row score below the best. Deterministic. When no strength converges the error names the best score
 * reached and where.
 */
export async function fitLinearProbe(train: ProbeSplit, dev: ProbeSplit, options: LinearProbeOptions): Promise<LinearProbe> {
  const grid = [...(options.grid ?? DEFAULT_C_GRID)].sort((a, b) => a - b);
  if (grid.length === 0 || grid.some((C) => !(C > 0 && Number.isFinite(C)))) {
    throw new ProbeLensError(`The regularisation grid must hold positive numbers (C values); got ${JSON.stringify(options.grid)}.`, 'bad-input');
  }
  const tolerance = options.gradientTolerance ?? DEFAULT_GRADIENT_TOLERANCE;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const patience = options.gridPatience ?? GRID_PATIENCE;
  const model = new SoftmaxRegression(train.cols, options.classes, options.kernel);
  const points: GridPoint[] = [];
  let best: { point: GridPoint; parameters: Float64Array } | undefined;
  let worse = 0;
  for (const [i, C] of grid.entries()) {
    const start = options.starts?.[i];
    if (start?.length === model.parameters.length) model.parameters.set(start);
    const point = await fitAndScore(model, train, dev, { ...options, C, gradientTolerance: tolerance, maxIterations });
    if (options.starts) options.starts[i] = Float64Array.from(model.parameters);
    points.push(point);
    if (!point.converged) continue;
    if (!best || point.devScore > best.point.devScore) {
      best = { point, parameters: Float64Array.from(model.parameters) };
      worse = 0;
    } else if (++worse >= patience) {
      break;
    }
  }
  if (!best) throw notConverged(points, tolerance, maxIterations);
  model.parameters.set(best.parameters);
  return { model, C: best.point.C, devScore: best.point.devScore, grid: points };
}

/** Fits `model` at one strength (from its current weights) and scores it on dev; never throws for a fit that did not converge. */
export async function fitAndScore(model: SoftmaxRegression, train: ProbeSplit, dev: ProbeSplit, options: FitOptions & { metric: DevMetric }): Promise<GridPoint> {
  const result = await model.fit(train, options);
  const predicted = await model.predict(dev.x, dev.rows);
  const devScore = options.metric(dev.labels, predicted, dev.offsets ?? identityOffsets(dev.rows));
  return { C: options.C, devScore, devAccuracy: accuracy(dev.labels, predicted), iterations: result.iterations, converged: result.converged, gradientNorm: result.gradientNorm };
}

function notConverged(points: readonly GridPoint[], tolerance: number, maxIterations: number): ProbeLensError {
  const best = points.reduce((a, b) => (b.devScore > a.devScore ? b : a));
  return new ProbeLensError(
    `The linear probe did not converge for any regularisation strength of the grid (C = ${points.map((p) => p.C).join(', ')}): ` +
      `none reached max |gradient| ≤ ${tolerance} within ${maxIterations} iterations. The best value reached was a dev score of ` +
      `${best.devScore.toFixed(4)} at C = ${best.C} (max |gradient| ${best.gradientNorm.toExponential(2)}). ` +
      'Allow more iterations, loosen the tolerance, or use stronger regularisation (smaller C).',
    'bad-input',
  );
}

/** 0, 1, …, rows: one row per example. */
export function identityOffsets(rows: number): Int32Array {
  return Int32Array.from({ length: rows + 1 }, (_, i) => i);
}

/**
 * Standardises every split feature by feature with the mean and standard deviation of `train`'s rows
 * (as the heads' training does), returning new row matrices; the inputs are left as they were.
 */
export function standardizeSplits<T extends LabelledRows>(train: T, ...others: T[]): T[] {
  const fitter = new StandardizerFitter(1, train.cols);
  fitter.add([train.x]);
  const standardizer = fitter.fit();
  return [train, ...others].map((split) => {
    const x = Float32Array.from(split.x);
    standardizer.apply(0, x);
    return { ...split, x };
  });
}
