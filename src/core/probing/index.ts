/** Probing as the literature does it: linear probes fitted to convergence, layer sweeps, control tasks, MDL. */
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type Objective } from './lbfgs';
export { ProbeKernel } from './probe-kernel';
export { SoftmaxRegression, type FitOptions, type LabelledRows } from './softmax-regression';
export {
  DEFAULT_C_GRID,
  DEFAULT_GRADIENT_TOLERANCE,
  DEFAULT_MAX_ITERATIONS,
  fitAndScore,
  fitLinearProbe,
  identityOffsets,
  standardizeSplits,
  type GridPoint,
  type LinearProbe,
  type LinearProbeOptions,
  type ProbeSplit,
} from './linear-probe';
export { controlLabels } from './control-task';
export { MDL_PORTIONS, onlineCodeLength, type OnlineCode, type OnlineCodeOptions } from './online-code';
export { layerSummary, type LayerSummary } from './expected-layer';
export {
  checkSweepStrategy,
  type ControlResult,
  sweepLayers,
  sweepStrategies,
  TOKEN_STRATEGY,
  type LayerResult,
  type LayerSweep,
  type StrategySweep,
  type SweepOptions,
  type SweepProgress,
  type SweepSplit,
} from './layer-sweep';
export { sweepEncoder, type EncoderSweep, type SweepEncoderRequest, type SweepEvent } from './sweep-encoder';
export { layerName, SWEEP_CSV_HEADER, sweepCsvRows, sweepTables, type SweepTable } from './sweep-tables';
