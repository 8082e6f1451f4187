/** Experiments: the papers' comparisons (pooling for sentiment, layer fusion for NER) run on any encoder. */
export { runExperiment, type ExperimentEvent, type ExperimentRequest, DEFAULT_FUSION_SELECTION_SIZE } from './run-experiment';
export { writeExperimentOutputs, type WrittenOutputs } from './write-outputs';
export { RunLog } from './run-log';
export { reportMarkdown } from './report-markdown';
export { parseSizes, type ResolvedSize, type SizeRequest } from './sizes';
export { DEFAULT_SCHEDULES, type ScheduleOptions } from './schedule';
export { QUICK_SETTINGS, type QuickSettings } from './quick';
export type { CellRecord, ChartRecord, ClaimResult, ExperimentKind, ExperimentResults, RunRecord, Verdict } from './types';
export { parseExperimentResults, looksLikeExperimentResults, MAX_RESULTS_BYTES } from './read-results';
export { experimentReport, type ExperimentReport, type ReportTable, type ReportChart, type ClaimReport, type EncoderReport } from './report-view';
