import type { OnnxRuntime } from '../encoders/session/session-options';
import { throwIfCancelled } from '../errors';
import type { Head } from '../heads/head';
import type { Standardizer } from '../heads/standardizer';
import { Random } from '../random';
import { AdamW } from './adamw';
import { type ExampleLabels, gatherLabels, labelOffsets } from './batches';
import { PreparedInputs } from './features/prepared-inputs';
import { trainingView } from './views/training-view';
import type { GradientPath } from './views/view';
import type { FeatureSet } from './features/features';

/** A set of examples to train or evaluate on: `examples` (default: all) index into `features` and `labels`. */
export interface Split {
  features: FeatureSet;
  labels: ExampleLabels;
  examples?: Int32Array;
}

/**
 * A dev score, higher is better: `gold` and `predicted` are label indices aligned row by row (one per sentence,
 * or one per word), `offsets` delimits the sentences' rows (for entity-level scores).
 */
export type DevMetric = (gold: Int32Array, predicted: Int32Array, offsets: Int32Array) => number;

export interface Hyperparameters {
  learningRate: number;
  /** AdamW's decoupled weight decay, on weight matrices only. */
  weightDecay: number;
  /** Sentences per step. */
  batchSize: number;
  /** Most epochs to run. */
  epochs: number;
  /** Stop after this many epochs without a better dev score; the best epoch's weights are kept. */
  patience: number;
  /** 'linear' decays the learning rate to 0 over `epochs`, so weights settle instead of hovering; 'constant' keeps it. */
  schedule: 'constant' | 'linear';
}

export interface TrainProgress {
  epoch: number;
  epochs: number;
  /** Steps done in this epoch, and how many it has. */
  step: number;
  stepsPerEpoch: number;
  /** The last step's mean loss (end of epoch: the epoch's mean training loss). */
  loss: number;
  /** Set when dev was just scored: at the end of each epoch (or every evaluateEvery steps). */
  devMetric?: number;
}

export interface TrainOptions extends Hyperparameters {
  seed: number;
  metric: DevMetric;
  /**
   * Score dev every this many steps (counted over the whole run, and after the last step) instead of at each
   * epoch end; `patience` then counts evaluations. Learning curves then have the same resolution whatever the
   * epoch length (a 50-sentence set has 2 steps per epoch, a 10,000-sentence set 313).
   */
  evaluateEvery?: number;
  /** Early stopping never stops before this many steps (default 0): a slow starter is not judged on its first evaluations. */
  minSteps?: number;
  /**
   * The splits' standardisation and standardised rows, prepared once when several heads train on the same
   * splits (built from `train` and `dev` when absent).
   */
  inputs?: PreparedInputs;
  /** 'graph' (default): onnxruntime's training graph (fixed-vector heads: the fused logistic regression); 'tape': the eager JavaScript oracle. */
  gradients?: GradientPath;
  /** How the training graph runs (the encoder's threads and provider); default: every core but one, cpu. */
  runtime?: OnnxRuntime;
  /** Where notices go (a head that falls back to the tape). */
  log?: (message: string) => void;
  signal?: AbortSignal;
  onProgress?: (progress: TrainProgress) => void;
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  /** The dev score of the last evaluation up to this epoch's end (NaN when none has happened yet). */
  devMetric: number;
}

/** One dev score during training, after `step` steps (in `epoch`, 1-based). */
export interface Evaluation {
  step: number;
  epoch: number;
  devMetric: number;
}

export interface TrainResult {
  standardizer: Standardizer;
  /** The kept weights' epoch (1-based), step count and dev score. */
  bestEpoch: number;
  bestStep: number;
  devMetric: number;
  epochsRun: number;
  steps: number;
  history: EpochRecord[];
  /** Every dev score in order: one per epoch, or one every evaluateEvery steps. */
  evaluations: Evaluation[];
  /** The kept weights' argmax label per dev row, as their evaluation predicted it: the probe's dev scores without another pass over dev. */
  devPredictions: Int32Array;
}

/** Yield to the event loop at most this often, so an abort from elsewhere can land mid-epoch. */
const YIELD_EVERY_MS = 15;

/**
 * Trains `head` in place with AdamW on shuffled minibatches, scoring `dev` after every epoch and keeping the
 * best epoch's weights. Same seed, same data, same head ⇒ bit-identical weights (one PRNG drives the order;
 * all arithmetic is sequential). Throws a 'cancelled' ProbeLensError when `signal` fires, even mid-epoch.
 */
export async function trainHead(head: Head, train: Split, dev: Split, options: TrainOptions): Promise<TrainResult> {
  checkLabels(head, train);
  checkLabels(head, dev);
  const inputs = options.inputs ?? new PreparedInputs(train, dev);
  if (inputs.train.features !== train.features || inputs.dev.features !== dev.features) throw new Error('prepared inputs of other splits');
  const standardizer = inputs.standardizer(head.inputLayers);
  const view = await trainingView(head, inputs, train.labels, { path: options.gradients, runtime: options.runtime, batchSize: options.batchSize, log: options.log });
  const devGold = gatherLabels(dev.labels, inputs.devExamples);
  const devOffsets = labelOffsets(dev.labels, inputs.devExamples);
  const order = Array.from(inputs.trainExamples);
  const random = new Random(options.seed);
  const optimizer = new AdamW(head.parameters, { learningRate: options.learningRate, weightDecay: options.weightDecay });
  const batchSize = Math.max(1, options.batchSize);
  const stepsPerEpoch = Math.ceil(order.length / batchSize);
  const totalSteps = stepsPerEpoch * options.epochs;
  const history: EpochRecord[] = [];
  const evaluations: Evaluation[] = [];
  const everySteps = options.evaluateEvery !== undefined && options.evaluateEvery > 0 ? Math.floor(options.evaluateEvery) : undefined;
  let best: { epoch: number; step: number; metric: number; weights: Float32Array[]; predictions: Int32Array } = {
    epoch: 0,
    step: 0,
    metric: -Infinity,
    weights: snapshot(head),
    predictions: new Int32Array(0),
  };
  let steps = 0;
  let sinceBest = 0;
  let stopped = false;
  let lastYield = Date.now();
  /** Scores dev now, keeps the weights when they are the best so far, and stops once patience runs out. */
  const evaluate = async (epoch: number): Promise<number> => {
    const predictions = await view.devPredictions();
    const devMetric = options.metric(devGold, predictions, devOffsets);
    evaluations.push({ step: steps, epoch, devMetric });
    if (devMetric > best.metric) {
      best = { epoch, step: steps, metric: devMetric, weights: snapshot(head), predictions };
      sinceBest = 0;
    } else if (++sinceBest >= options.patience && steps >= (options.minSteps ?? 0)) {
      stopped = true;
    }
    return devMetric;
  };
  try {
    for (let epoch = 1; epoch <= options.epochs && !stopped; epoch++) {
      random.shuffle(order);
      let lossSum = 0;
      let stepsRun = 0;
      for (let step = 0; step < stepsPerEpoch && !stopped; step++) {
        if (Date.now() - lastYield >= YIELD_EVERY_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = Date.now();
        }
        throwIfCancelled(options.signal);
        const examples = order.slice(step * batchSize, (step + 1) * batchSize);
        const loss = await view.gradients(examples);
        optimizer.step(options.schedule === 'linear' ? 1 - steps / totalSteps : 1);
        lossSum += loss;
        steps++;
        stepsRun++;
        const progress = { epoch, epochs: options.epochs, step: step + 1, stepsPerEpoch, loss };
        // Scored outside the call: `onProgress?.(...)` would skip evaluating its argument without a listener.
        const devMetric = everySteps !== undefined && (steps % everySteps === 0 || steps === totalSteps) ? await evaluate(epoch) : undefined;
        options.onProgress?.(devMetric === undefined ? progress : { ...progress, devMetric });
      }
      throwIfCancelled(options.signal);
      const trainLoss = lossSum / stepsRun;
      if (everySteps === undefined) {
        const devMetric = await evaluate(epoch);
        options.onProgress?.({ epoch, epochs: options.epochs, step: stepsPerEpoch, stepsPerEpoch, loss: trainLoss, devMetric });
      }
      history.push({ epoch, trainLoss, devMetric: evaluations.length > 0 ? evaluations[evaluations.length - 1].devMetric : NaN });
    }
    // No epoch ran: the untrained weights are kept, and scored so the probe has its dev predictions.
    if (evaluations.length === 0) await evaluate(0);
    restore(head, best.weights);
  } finally {
    await view.finish();
  }
  return { standardizer, bestEpoch: best.epoch, bestStep: best.step, devMetric: best.metric, epochsRun: history.length, steps, history, evaluations, devPredictions: best.predictions };
}

function checkLabels(head: Head, split: Split): void {
  const { labels, features } = split;
  const perWord = !(labels instanceof Int32Array);
  if (perWord !== (head.task === 'ner')) throw new Error(`${head.task} head needs ${head.task === 'ner' ? 'per-word' : 'per-sentence'} labels`);
  if (labels.length !== features.count) throw new Error(`${labels.length} labels for ${features.count} examples`);
  const check = (label: number) => {
    if (!(label >= 0 && label < head.shape.numLabels)) throw new Error(`label ${label} outside 0..${head.shape.numLabels - 1}`);
  };
  for (let i = 0; i < labels.length; i++) {
    const entry = labels[i];
    if (typeof entry === 'number') {
      check(entry);
    } else {
      if (entry.length !== features.rowCounts[i]) throw new Error(`example ${i}: ${entry.length} labels for ${features.rowCounts[i]} words`);
      entry.forEach(check);
    }
  }
}

function snapshot(head: Head): Float32Array[] {
  return head.parameters.map((p) => Float32Array.from(p.data));
}

function restore(head: Head, weights: Float32Array[]): void {
  head.parameters.forEach((p, i) => p.data.set(weights[i]));
}
