/** Probe heads: strategies, their probes on disk, and inference on one text's hidden states. */
export { createHead, type Head } from './head';
export { checkStrategy, FUSION_STRATEGIES, POOLING_STRATEGIES, strategiesFor, strategyFor } from './registry';
export type { HeadOutput, HeadShape, Strategy } from './strategy/definition';
export { predictSentiment, predictTags, type TagPrediction } from './inference';
export { type ProbeConfig } from './probe/config';
export { listProbeFolders, type LoadedProbe, loadProbe, type Probe, saveProbe } from './probe/store';
