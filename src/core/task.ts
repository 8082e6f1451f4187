/** What a probe predicts: sentiment reads one vector per sentence (pooling), ner one per word (layer fusion). */
export const TASKS = ['sentiment', 'ner'] as const;
export type Task = (typeof TASKS)[number];

/** A task's name in messages. */
export const TASK_NAMES: Readonly<Record<Task, string>> = { sentiment: 'sentiment', ner: 'NER' };
