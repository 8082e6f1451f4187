/** One labelled text from a sentiment file. Labels stay strings until mapped with labelIndices. */
export interface SentimentExample {
  text: string;
  label: string;
  /** The label as the file has it, when a name replaced it as it was read (SST-2's "1" for "positive"). */
  raw?: string;
  /** The line its record starts on (1-based), for error messages. */
  line: number;
}

export interface SentimentDataset {
  task: 'sentiment';
  /** The path as the caller gave it; error messages start with it. */
  file: string;
  textField: string;
  labelField: string;
  examples: SentimentExample[];
  /** Things the caller should tell the user (a limit or sample size larger than the data, ...). */
  notices: string[];
}

/** One sentence from a CoNLL file. */
export interface NerSentence {
  words: string[];
  /** One IOB2 tag per word (IOB1 input is converted on read). */
  tags: string[];
  /** The line of its first word (1-based); word i is on line + i. */
  line: number;
}

export interface NerDataset {
  task: 'ner';
  file: string;
  /** The scheme the file was written in; tags are IOB2 either way. */
  scheme: 'iob1' | 'iob2';
  sentences: NerSentence[];
  /** Sorted entity types that occur in the file (PER, LOC, ...). */
  entityTypes: string[];
  notices: string[];
}

export type Dataset = SentimentDataset | NerDataset;
