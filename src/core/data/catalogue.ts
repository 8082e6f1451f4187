import { ProbeLensError } from '../errors';

/**
 * The default public training datasets: where each file lives in Probe Lens' data layout (the same layout as a
 * local data folder or a mirror), where it is published, and what a complete copy contains (used to reject
 * partial or wrong downloads).
 */

export type DefaultDatasetName = 'sst2' | 'conll2003' | 'wnut17';

/** Where a file is fetched from when no base URL is set. */
export type FileSource =
  /** The file itself at a URL. */
  | { kind: 'file'; url: string }
  /** One entry of a zip archive; the archive is checked against its published size and sha256. */
  | { kind: 'zip'; url: string; bytes: number; sha256: string; entry: string };

export interface DatasetFileSpec {
  split: 'train' | 'dev';
  /** POSIX path relative to the data folder, e.g. "sst2/train.tsv"; a mirror serves it at <base>/<path>. */
  path: string;
  /** Examples (sentiment) or sentences (NER) in the published file; fewer means a partial or different file. */
  items: number;
  source: FileSource;
}

export interface DatasetSpec {
  name: string;
  title: string;
  task: 'sentiment' | 'ner';
  /** Sentiment: the label values. NER: the entity types. A download with other labels is the wrong file. */
  labels: readonly string[];
  /**
   * Sentiment: a human name for each raw label, given to the reader when the dataset is read for training, so
   * probes and results say "positive" rather than "1". `labels` stays the raw values the download check sees.
   */
  labelNames?: Readonly<Record<string, string>>;
  /** Licence and provenance, to show the user before and after downloading. */
  licence: string;
  homepage: string;
  files: readonly [DatasetFileSpec, DatasetFileSpec];
}

// GLUE publishes SST-2 only as a zip; its size and sha256 are the ones the GLUE loaders (e.g. Hugging Face
// datasets' glue script) record for this URL.
const GLUE_SST2_ZIP = {
  kind: 'zip',
  url: 'https://dl.fbaipublicfiles.com/glue/data/SST-2.zip',
  bytes: 7_439_277,
  sha256: 'd67e16fb55739c1b32cdce9877596db1c127dc322d93c082281f64057c16deaa',
} as const;

// The original CoNLL-2003 English files (IOB1, `-DOCSTART- -X- O O` separators) as shipped with the tagger of
// Lample et al. (2016), the copy most NER code downloads.
const CONLL_MIRROR = 'https://raw.githubusercontent.com/glample/tagger/master/dataset';
// The WNUT-17 organisers' repository, also the source of Hugging Face's wnut_17 loader.
const WNUT_REPO = 'https://raw.githubusercontent.com/leondz/emerging_entities_17/master';

export const DEFAULT_DATASETS: Readonly<Record<DefaultDatasetName, DatasetSpec>> = {
  sst2: {
    name: 'sst2',
    title: 'SST-2 (GLUE)',
    task: 'sentiment',
    labels: ['0', '1'],
    labelNames: { '0': 'negative', '1': 'positive' },
    licence:
      'Stanford Sentiment Treebank (Socher et al., 2013) in its GLUE version (Wang et al., 2018); ' +
      'for research use, cite both.',
    homepage: 'https://gluebenchmark.com/tasks',
    files: [
      { split: 'train', path: 'sst2/train.tsv', items: 67_349, source: { ...GLUE_SST2_ZIP, entry: 'SST-2/train.tsv' } },
      { split: 'dev', path: 'sst2/dev.tsv', items: 872, source: { ...GLUE_SST2_ZIP, entry: 'SST-2/dev.tsv' } },
    ],
  },
  conll2003: {
    name: 'conll2003',
    title: 'CoNLL-2003 English NER',
    task: 'ner',
    labels: ['LOC', 'MISC', 'ORG', 'PER'],
    licence:
      'Reuters Corpus (RCV1) text with CoNLL-2003 annotations (Tjong Kim Sang and De Meulder, 2003); ' +
      'the Reuters text is licensed for research use only.',
    homepage: 'https://www.clips.uantwerpen.be/conll2003/ner/',
    files: [
      { split: 'train', path: 'conll2003/eng.train', items: 14_041, source: { kind: 'file', url: `${CONLL_MIRROR}/eng.train` } },
      { split: 'dev', path: 'conll2003/eng.testa', items: 3_250, source: { kind: 'file', url: `${CONLL_MIRROR}/eng.testa` } },
    ],
  },
  wnut17: {
    name: 'wnut17',
    title: 'WNUT-17 Emerging Entities',
    task: 'ner',
    labels: ['corporation', 'creative-work', 'group', 'location', 'person', 'product'],
    licence: 'CC BY 4.0 (Derczynski et al., 2017).',
    homepage: 'https://noisy-text.github.io/2017/emerging-rare-entities.html',
    files: [
      {
        split: 'train',
        path: 'wnut17/wnut17train.conll',
        items: 3_394,
        source: { kind: 'file', url: `${WNUT_REPO}/wnut17train.conll` },
      },
      {
        split: 'dev',
        path: 'wnut17/emerging.dev.conll',
        items: 1_009,
        source: { kind: 'file', url: `${WNUT_REPO}/emerging.dev.conll` },
      },
    ],
  },
};

export const DEFAULT_DATASET_NAMES = Object.keys(DEFAULT_DATASETS) as DefaultDatasetName[];

export function isDefaultDatasetName(name: string): name is DefaultDatasetName {
  return Object.hasOwn(DEFAULT_DATASETS, name);
}

/** The spec of a default dataset by name; an unknown name is a 'bad-input' error listing the known ones. */
export function datasetSpec(name: string): DatasetSpec {
  if (isDefaultDatasetName(name)) return DEFAULT_DATASETS[name];
  throw new ProbeLensError(
    `"${name}" is not a default dataset; the default datasets are ${DEFAULT_DATASET_NAMES.join(', ')}. ` +
      'For other data, give the train and dev files.',
    'bad-input',
  );
}

/** The URL a file is fetched from: <baseUrl>/<path> when a base URL (a mirror) is set, else its published source. */
export function fileSourceFor(file: DatasetFileSpec, baseUrl: string | undefined): FileSource {
  if (baseUrl === undefined) return file.source;
  return { kind: 'file', url: `${baseUrl.replace(/\/+$/, '')}/${file.path}` };
}
