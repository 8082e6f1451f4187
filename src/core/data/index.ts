/** Dataset readers, label mapping and few-shot sampling: the data side of training and evaluation. */
export type { Dataset, NerDataset, NerSentence, SentimentDataset, SentimentExample } from './types';
export { readSentimentFile, parseSentiment, type SentimentFormat, type SentimentReadOptions } from './sentiment-reader';
export { readConllFile, parseConll, type ConllReadOptions } from './conll-reader';
export { readDataset, sampleDataset, type DatasetReadOptions, type Task } from './read-dataset';
export { labelList, labelIndices, tagList, tagIndices } from './labels';
export { sampleSentiment, sampleNer, stratifiedOrder, type Sample } from './sampling';
