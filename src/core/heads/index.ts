/** Probe heads: strategies, their probes on disk, and inference on one text's hidden states. */
export { checkStrategy, createHead, type Head, type HeadShape, strategiesFor, type Task } from './head';
export { FUSION_STRATEGIES, type FusionStrategy } from './fusion/types';
export { POOLING_STRATEGIES, type PoolingStrategy } from './pooling/types';
export { predictSentiment, predictTags, type SentimentPrediction, type TagPrediction } from './inference';
export { type ProbeConfig } from './probe/config';
export { listProbeFolders, type LoadedProbe, loadProbe, type Probe, saveProbe } from './probe/store';
