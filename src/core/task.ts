/** What a probe predicts: sentiment reads one vector per sentence (pooling), ner one per word (layer fusion). */
export const TASKS = ['sentiment', 'ner'] as const;
export type Task = (typeof TASKS)[number];
