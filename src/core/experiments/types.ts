import type { EncoderIdentity } from '../encoders/types';
import { type Task } from '../task';
import type { LayerSweep } from '../probing/layer-sweep';
import type { TrainingPlan, ScheduleOptions } from './schedule';
import type { ResolvedSize } from './sizes';
import type { AnovaResult, PairedDifference, Spread } from './statistics';

/** pooling: sentence sentiment, one head per pooling strategy; fusion: NER, one head per layer-fusion strategy. */
export type ExperimentKind = 'pooling' | 'fusion';

export function taskOf(kind: ExperimentKind): Task {
  return kind === 'pooling' ? 'sentiment' : 'ner';
}

/** The format of results.json; bumped when a field changes meaning or goes away. */
export const RESULTS_FORMAT = 1;

export interface DatasetRecord {
  /** The path as given on the command line. */
  file: string;
  /** sha256 of the file's bytes: which version of the data these numbers come from. */
  sha256: string;
  /** Examples (sentences for NER) in the file. */
  examples: number;
  /** Examples used: all of them, or a seeded stratified sample (--dev-size). */
  used: number;
}

export interface EncoderRecord {
  /** Short name used in tables, charts and runs: the folder name or hub id (made unique). */
  label: string;
  identity: EncoderIdentity;
  /** Wall time to extract (or read back from the cache) the features of train and dev. */
  featuresMs: number;
  featuresReused: boolean;
  /** Trainable weights of each strategy's head, classifier included. */
  parameterCounts: Record<string, number>;
}

/** One head trained once: an encoder, a strategy, a training size and a seed. */
export interface RunRecord {
  encoder: string;
  strategy: string;
  /** Training examples used (sentences for NER). */
  size: number;
  seed: number;
  /** Scores on the dev set (the whole file unless --dev-size): accuracy and macroF1, or f1, precision, recall, tagAccuracy. */
  metrics: Record<string, number>;
  /** Training on the selection dev set: best score and when, steps and epochs run, and the curve [step, score]. */
  selection: { best: number; bestStep: number; steps: number; epochs: number; curve: [number, number][] };
  /** Steps until the selection score first reached 90% of this run's best (null: the best was 0). */
  stepsToTarget: number | null;
  /** Steps until it first reached 90% of the best of any strategy at this encoder, size and seed (null: never). */
  stepsToCommonTarget: number | null;
  /** Mean DWAtt α per layer over the dev words, or ScalarMix's weights; z_0 first. */
  layerWeights?: number[];
  trainMs: number;
}

/** Every seed's run of one encoder, strategy and size, summarised. */
export interface CellRecord {
  encoder: string;
  strategy: string;
  size: number;
  parameterCount: number;
  /** Each metric over seeds: mean, sample std (null with one seed) and the values, seed order. */
  metrics: Record<string, Spread>;
  stepsToTarget: Spread | null;
  stepsToCommonTarget: Spread | null;
  layerWeights?: Spread[];
}

/**
 * How far the data go towards a claim: supported / contradicted when every comparison's interval excludes 0 in
 * one direction; partly so when some do and the others cover 0; mixed when both directions occur;
 * inconclusive when every interval covers 0 (or there is one seed); not testable when an ingredient is missing.
 */
export type Verdict = 'supported' | 'partly supported' | 'contradicted' | 'partly contradicted' | 'mixed' | 'inconclusive' | 'not testable';

/** One comparison behind a verdict, in points (accuracy or F1 × 100). */
export interface Comparison {
  encoder: string;
  /** What is compared, e.g. "dwatt − last+mlp at 100 sentences". */
  label: string;
  /** The paired difference over seeds, with its interval. */
  difference: PairedDifference;
  /** For "does the strategy matter" claims: the repeated-measures F test over every strategy, which decides the sign. */
  anova?: AnovaResult;
  /**
   * +1: the claim's effect is shown (the interval lies above 0, or the F test rejects at 5%); −1: the opposite
   * (interval below 0); 0: neither, or one seed.
   */
  sign: -1 | 0 | 1;
  /** Counted in the verdict (false: shown for context, e.g. smaller training sizes for a full-data claim). */
  primary: boolean;
}

export interface ClaimResult {
  id: string;
  /** The claim as the papers make it. */
  claim: string;
  verdict: Verdict;
  /** One or two sentences with the numbers. */
  summary: string;
  /** How the comparisons were made (test, confidence level, which sizes). */
  method: string;
  comparisons: Comparison[];
}

export interface ChartRecord {
  /** Also the file name without .svg. */
  id: string;
  kind: 'metric-vs-size' | 'layer-weights' | 'layer-curve';
  encoder: string;
  title: string;
  /** The SVG document, as written to <id>.svg. */
  svg: string;
}

/** Everything an experiment measured: written as results.json, rendered as report.md. */
export interface ExperimentResults {
  format: typeof RESULTS_FORMAT;
  kind: ExperimentKind;
  task: Task;
  /** The score plotted and compared (accuracy or f1) and the others reported. */
  metric: { key: string; label: string; others: { key: string; label: string }[] };
  commandLine: string;
  quick: boolean;
  startedAt: string;
  /** Wall time of this session: with resumed runs, less than the sum of the runs' own times. */
  durationMs: number;
  /** Runs read back from the run journal instead of trained in this session. */
  resumedRuns: number;
  environment: { node: string; platform: string; arch: string; cpus: number; cpuModel: string };
  seeds: number[];
  sizes: ResolvedSize[];
  strategies: string[];
  labels: string[];
  schedule: ScheduleOptions;
  /** The training plan of each strategy at each size. */
  plans: { strategy: string; size: number; plan: TrainingPlan }[];
  datasets: { train: DatasetRecord; dev: DatasetRecord; selection: { examples: number; seed: number } };
  encoders: EncoderRecord[];
  runs: RunRecord[];
  cells: CellRecord[];
  claims: ClaimResult[];
  charts: ChartRecord[];
  /** Things the user should know: capped sizes, dataset notices. */
  notices: string[];
  /** With --layers: a layer sweep of each encoder on the training examples in use, scored on dev. */
  layerSweeps?: LayerSweepRecord[];
}

/** One encoder's layer sweep (see src/core/probing): a linear probe per layer, control task, MDL. */
export interface LayerSweepRecord {
  encoder: string;
  sweep: LayerSweep;
}
