import type { OnnxRuntime } from '../encoders/session/session-options';
import { ProbeLensError, throwIfCancelled } from '../errors';
import { Tape, Tensor } from '../heads/autograd';
import { createHead, type Head } from '../heads/head';
import { STRATEGIES } from '../heads/registry';
import { isParameterFree } from '../heads/strategy/definition';
import { type ExampleLabels, gatherLabels, labelOffsets } from '../train/batches';
import type { Task } from '../task';
import type { FeatureSet } from '../train/features/features';
import { devMetricFor } from '../train/task-data';
import { controlLabels } from './control-task';
import { layerSummary } from './expected-layer';
import { DEFAULT_GRADIENT_TOLERANCE, DEFAULT_MAX_ITERATIONS, fitAndScore, fitLinearProbe, type GridPoint, type ProbeSplit, standardizeSplits } from './linear-probe';
import { type OnlineCode, onlineCodeLength } from './online-code';
import { ProbeKernel } from './probe-kernel';
import { SoftmaxRegression } from './softmax-regression';

/** NER's one sweep strategy: each word's first-subword token vector of the layer. */
export const TOKEN_STRATEGY = 'token';

/** One split of the sweep: every layer's features, the real labels and what the control task keys on. */
export interface SweepSplit {
  /** Every layer kept (sentence tokens extracted with layers 'all', or word layers). */
  features: FeatureSet;
  labels: ExampleLabels;
  /** Per example, the control task's keys: [its text] for sentiment, its words for NER (one per row). */
  keys: readonly (readonly string[])[];
}

export interface SweepOptions {
  task: Task;
  /** Label names (index → name). */
  labels: readonly string[];
  train: SweepSplit;
  dev: SweepSplit;
  /** Sentiment: parameter-free poolings to sweep (default: all of them). NER: always the token probe. */
  strategies?: readonly string[];
  /** Layers to probe (0: the embeddings output); default every one. */
  layers?: readonly number[];
  /** Fit the control task and report selectivity (default true). */
  control?: boolean;
  /** Measure the online code length (default true). */
  mdl?: boolean;
  grid?: readonly number[];
  gradientTolerance?: number;
  maxIterations?: number;
  /** Seeds the control labels and the MDL order (default 13). */
  seed?: number;
  /** Threads of the probes' onnxruntime sessions (always on the CPU; default: every core but one). */
  runtime?: OnnxRuntime;
  signal?: AbortSignal;
  onProgress?: (progress: SweepProgress) => void;
}

export interface SweepProgress {
  strategy: string;
  layer: number;
  /** Probes (strategy × layer) finished, of total. */
  done: number;
  total: number;
}

/** One layer's linear probe. */
export interface LayerResult {
  /** 0: the embeddings output; L: the last layer. */
  layer: number;
  /** Dev score of the probe (accuracy, or entity F1 for NER). */
  score: number;
  /** The regularisation chosen on dev, and every strength tried. */
  C: number;
  grid: GridPoint[];
  /** The control task with the same C (null when not measured). */
  control: ControlResult | null;
  mdl: OnlineCode | null;
}

/**
 * Hewitt & Liang's comparison, in accuracy per row (word for NER, sentence for sentiment) as they measure it:
 * the task probe's and the control probe's dev accuracy, each against its own labels, with one probe setting
 * for both: the C of the grid with the best task accuracy (for sentiment the probe's own C).
 */
export interface ControlResult {
  /** The strength both probes were fitted with. */
  C: number;
  /** The task probe's dev accuracy at that C (for NER per word, unlike the entity F1 of `score`). */
  taskAccuracy: number;
  /** The control probe's dev accuracy on the control labels. */
  score: number;
  /** Task accuracy − control accuracy (Hewitt & Liang). */
  selectivity: number;
  /** False when its fit stopped at the iteration limit (the score is then of the weights reached). */
  converged: boolean;
}

export interface StrategySweep {
  strategy: string;
  /** The layers probed, in order (every layer unless the sweep was given some). */
  layers: LayerResult[];
  bestLayer: number;
  expectedLayer: number | null;
}

export interface LayerSweep {
  task: Task;
  metric: { key: string; label: string };
  /** Layers the encoder has: L + 1 (the embeddings output and each block). */
  layerCount: number;
  trainExamples: number;
  devExamples: number;
  strategies: StrategySweep[];
  seed: number;
  durationMs: number;
}

/** What the sweep probes for a task: the parameter-free poolings (sentiment), the token vectors (NER). */
export function sweepStrategies(task: Task): string[] {
  if (task === 'ner') return [TOKEN_STRATEGY];
  return STRATEGIES.sentiment.filter(isParameterFree).map((s) => s.name);
}

export function checkSweepStrategy(task: Task, strategy: string): void {
  const known = sweepStrategies(task);
  if (!known.includes(strategy)) {
    throw new ProbeLensError(`A layer sweep cannot probe "${strategy}" for ${task}: it fits one linear probe per layer on parameter-free vectors; choose from ${known.join(', ')}.`, 'bad-input');
  }
}

/**
 * Fits one linear probe per layer and strategy on train, scored on dev (see fitLinearProbe), with its control
 * task (same C) and online code length; then, per strategy, the best and the expected layer.
 */
export async function sweepLayers(options: SweepOptions): Promise<LayerSweep> {
  const started = Date.now();
  const { task, train, dev, signal } = options;
  const layerCount = train.features.numLayers;
  if (layerCount < 3) {
    throw new ProbeLensError(
      `The encoder has ${layerCount - 1} layer${layerCount === 2 ? '' : 's'}: there is nothing to sweep (a sweep compares the layers of a deeper encoder).`,
      'bad-input',
    );
  }
  if (dev.features.numLayers !== layerCount) throw new Error(`train keeps ${layerCount} layers, dev ${dev.features.numLayers}`);
  const strategies = options.strategies ?? sweepStrategies(task);
  strategies.forEach((s) => checkSweepStrategy(task, s));
  const seed = options.seed ?? 13;
  const classes = options.labels.length;
  const metric = devMetricFor(task, options.labels);
  const trainExamples = allExamples(train.features);
  const devExamples = allExamples(dev.features);
  const trainGold = gatherLabels(train.labels, trainExamples);
  const devGold = gatherLabels(dev.labels, devExamples);
  const trainOffsets = labelOffsets(train.labels, trainExamples);
  const devOffsets = labelOffsets(dev.labels, devExamples);
  const [trainControl, devControl] = controlLabels([train.keys.flat(), dev.keys.flat()], trainGold, classes, seed);
  if (trainControl.length !== trainGold.length || devControl.length !== devGold.length) throw new Error('control keys do not match the rows');

  const probed = options.layers ?? Array.from({ length: layerCount }, (_, l) => l);
  const wrongLayer = probed.find((l) => !(Number.isInteger(l) && l >= 0 && l < layerCount));
  if (wrongLayer !== undefined || probed.length === 0) {
    throw new ProbeLensError(`Layer ${wrongLayer ?? '(none)'} cannot be probed: the encoder has layers 0 (embeddings) to ${layerCount - 1}.`, 'bad-input');
  }
  const total = strategies.length * probed.length;
  const results = new Map<string, LayerResult[]>(strategies.map((s) => [s, []]));
  const heads = strategies.map((s) => (task === 'sentiment' ? createHead('sentiment', s, { hiddenSize: train.features.hiddenSize, numLayers: layerCount, numLabels: classes }, 0) : undefined));
  const kernel = await ProbeKernel.open(options.runtime);
  const fit = { classes, metric, kernel, grid: options.grid, gradientTolerance: options.gradientTolerance ?? DEFAULT_GRADIENT_TOLERANCE, maxIterations: options.maxIterations ?? DEFAULT_MAX_ITERATIONS, signal };
  // Per strategy, the fits carried from layer to layer: neighbouring layers' standardised vectors are alike, so
  // each fit (grid point, control probe, MDL block) starts near its answer.
  const carried = new Map(strategies.map((s) => [s, { grid: [] as Float64Array[], blocks: [] as Float64Array[], control: undefined as SoftmaxRegression | undefined }]));
  try {
    let done = 0;
    for (const layer of probed) {
      throwIfCancelled(signal);
      const trainVectors = layerVectors(train.features, trainExamples, layer, heads);
      const devVectors = layerVectors(dev.features, devExamples, layer, heads);
      for (const [s, strategy] of strategies.entries()) {
        const d = trainVectors[s].length / trainGold.length;
        const [trainSplit, devSplit] = standardizeSplits<ProbeSplit>(
          { x: trainVectors[s], rows: trainGold.length, cols: d, labels: trainGold, offsets: trainOffsets },
          { x: devVectors[s], rows: devGold.length, cols: d, labels: devGold, offsets: devOffsets },
        );
        const starts = carried.get(strategy)!;
        const probe = await fitLinearProbe(trainSplit, devSplit, { ...fit, starts: starts.grid });
        let control: ControlResult | null = null;
        if (options.control !== false) {
          const task = bestAccuracy(probe.grid);
          const model = (starts.control ??= new SoftmaxRegression(d, classes, kernel));
          const point = await fitAndScore(model, { ...trainSplit, labels: trainControl }, { ...devSplit, labels: devControl }, { ...fit, C: task.C });
          control = { C: task.C, taskAccuracy: task.devAccuracy, score: point.devAccuracy, selectivity: task.devAccuracy - point.devAccuracy, converged: point.converged };
        }
        const mdl = options.mdl === false ? null : await onlineCodeLength(trainSplit, trainOffsets, { ...fit, C: probe.C, seed, starts: starts.blocks });
        results.get(strategy)!.push({ layer, score: probe.devScore, C: probe.C, grid: probe.grid, control, mdl });
        options.onProgress?.({ strategy, layer, done: ++done, total });
      }
    }
  } finally {
    await kernel.release();
  }
  return {
    task,
    metric: task === 'sentiment' ? { key: 'accuracy', label: 'accuracy' } : { key: 'f1', label: 'entity F1' },
    layerCount,
    trainExamples: trainExamples.length,
    devExamples: devExamples.length,
    strategies: strategies.map((strategy) => {
      const layers = results.get(strategy)!;
      const summary = layerSummary(layers.map((l) => l.score));
      // The summary counts positions among the probed layers; name the layers themselves.
      const expectedLayer = summary.expectedLayer === null ? null : interpolate(layers.map((l) => l.layer), summary.expectedLayer);
      return { strategy, layers, bestLayer: layers[summary.bestLayer].layer, expectedLayer };
    }),
    seed,
    durationMs: Date.now() - started,
  };
}

/** The converged grid point with the best dev accuracy (the strongest regularisation on ties). */
function bestAccuracy(grid: readonly GridPoint[]): GridPoint {
  return grid.filter((p) => p.converged).reduce((a, b) => (b.devAccuracy > a.devAccuracy ? b : a));
}

/** The value at fractional position `at` of increasing `values` (linear between neighbours). */
function interpolate(values: readonly number[], at: number): number {
  const below = Math.floor(at);
  return below + 1 < values.length ? values[below] + (at - below) * (values[below + 1] - values[below]) : values[below];
}

function allExamples(features: FeatureSet): Int32Array {
  return Int32Array.from({ length: features.count }, (_, i) => i);
}

/**
 * One layer's vectors per strategy, rows in example order: each pooling head's vectors (sentiment; the
 * strategy's own math, through its head) or the words' token vectors (NER).
 */
function layerVectors(features: FeatureSet, examples: Int32Array, layer: number, heads: readonly (Head | undefined)[]): Float32Array[] {
  const { layers, offsets } = features.read(examples, [layer]);
  const tokens = new Tensor(layers[0], offsets[examples.length], features.hiddenSize);
  const tape = new Tape(false);
  return heads.map((head) => (head ? Float32Array.from(head.encode(tape, { layers: [tokens], offsets }).vectors.data) : layers[0]));
}
