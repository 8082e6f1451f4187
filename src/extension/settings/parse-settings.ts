import { EXECUTION_PROVIDERS, type ExecutionProvider } from '../../core/encoders/session/session-options';
import { defaultEncoders } from '../../core/catalogue';
import type { Dtype } from '../../core/encoders/types';
import { FUSION_STRATEGIES } from '../../core/heads/registry';
import { POOLING_STRATEGIES } from '../../core/heads/registry';

/**
 * The `probeLens.*` settings, checked. VS Code's schema only underlines bad values in settings.json; the
 * values still arrive here as whatever JSON the user wrote, so every field is validated and a bad one falls
 * back to its default with a message naming the setting. No vscode import: unit tests call this directly.
 */

export type DtypeSetting = 'auto' | Dtype;
export type NerDatasetSetting = 'conll2003' | 'wnut17';

export interface TrainingSettings {
  /** Empty: the default public dataset (SST-2 / the NER dataset below), downloaded when online. */
  sentimentTrainFile: string;
  sentimentDevFile: string;
  /** Names for raw sentiment labels ("1" → "positive"), over the default dataset's own; {}: none. */
  sentimentLabelNames: Record<string, string>;
  nerTrainFile: string;
  nerDevFile: string;
  nerDataset: NerDatasetSetting;
  /** Empty: each dataset's public source. */
  datasetBaseUrl: string;
  fewShotSize: number;
  seed: number;
}

export interface ProbeLensSettings {
  encoders: string[];
  dtype: DtypeSetting;
  poolingStrategies: string[];
  fusionStrategies: string[];
  hover: { enabled: boolean; strategy: string; languages: string[] };
  maxCharacters: number;
  threads: number;
  executionProvider: ExecutionProvider;
  offline: boolean;
  modelsRoot: string;
  training: TrainingSettings;
}

export const SETTINGS_SECTION = 'probeLens';

const defaults = defaultEncoders();

export const DEFAULT_SETTINGS: ProbeLensSettings = {
  encoders: [defaults.bert.id, defaults.gpt.id],
  dtype: 'auto',
  poolingStrategies: [...POOLING_STRATEGIES],
  fusionStrategies: [...FUSION_STRATEGIES],
  hover: { enabled: true, strategy: 'dwatt', languages: ['plaintext', 'markdown'] },
  maxCharacters: 5000,
  threads: 0,
  executionProvider: 'cpu',
  offline: false,
  modelsRoot: '',
  training: {
    sentimentTrainFile: '',
    sentimentDevFile: '',
    sentimentLabelNames: {},
    nerTrainFile: '',
    nerDevFile: '',
    nerDataset: 'conll2003',
    datasetBaseUrl: '',
    fewShotSize: 1000,
    seed: 13,
  },
};

/** Bounds of the numeric settings (also in package.json's schema). */
export const LIMITS = {
  maxCharacters: { min: 100, max: 100_000 },
  threads: { min: 0, max: 64 },
  fewShotSize: { min: 8, max: 100_000 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  encoders: { max: 4 },
} as const;

export interface ParsedSettings {
  settings: ProbeLensSettings;
  /** One line per invalid value: what was wrong and what is used instead. */
  problems: string[];
}

/** `read(key)` returns the raw value of `probeLens.<key>` (undefined when unset). */
export function parseSettings(read: (key: string) => unknown): ParsedSettings {
  const problems: string[] = [];
  const checker = new Checker(read, problems);
  const settings: ProbeLensSettings = {
    encoders: checker.encoders('encoders'),
    dtype: checker.oneOf('dtype', ['auto', 'fp32', 'q8'] as const, DEFAULT_SETTINGS.dtype),
    poolingStrategies: checker.subset('poolingStrategies', POOLING_STRATEGIES, DEFAULT_SETTINGS.poolingStrategies),
    fusionStrategies: checker.subset('fusionStrategies', FUSION_STRATEGIES, DEFAULT_SETTINGS.fusionStrategies),
    hover: {
      enabled: checker.boolean('hover.enabled', DEFAULT_SETTINGS.hover.enabled),
      strategy: checker.oneOf('hover.strategy', FUSION_STRATEGIES, DEFAULT_SETTINGS.hover.strategy),
      languages: checker.strings('hover.languages', DEFAULT_SETTINGS.hover.languages, true),
    },
    maxCharacters: checker.integer('maxCharacters', LIMITS.maxCharacters, DEFAULT_SETTINGS.maxCharacters),
    threads: checker.integer('threads', LIMITS.threads, DEFAULT_SETTINGS.threads),
    executionProvider: checker.oneOf('executionProvider', EXECUTION_PROVIDERS, DEFAULT_SETTINGS.executionProvider),
    offline: checker.boolean('offline', DEFAULT_SETTINGS.offline),
    modelsRoot: checker.string('modelsRoot', DEFAULT_SETTINGS.modelsRoot),
    training: {
      sentimentTrainFile: checker.string('training.sentimentTrainFile', ''),
      sentimentDevFile: checker.string('training.sentimentDevFile', ''),
      sentimentLabelNames: checker.labelNames('training.sentimentLabelNames'),
      nerTrainFile: checker.string('training.nerTrainFile', ''),
      nerDevFile: checker.string('training.nerDevFile', ''),
      nerDataset: checker.oneOf('training.nerDataset', ['conll2003', 'wnut17'] as const, DEFAULT_SETTINGS.training.nerDataset),
      datasetBaseUrl: checker.url('training.datasetBaseUrl'),
      fewShotSize: checker.integer('training.fewShotSize', LIMITS.fewShotSize, DEFAULT_SETTINGS.training.fewShotSize),
      seed: checker.integer('training.seed', LIMITS.seed, DEFAULT_SETTINGS.training.seed),
    },
  };
  for (const [task, train, dev] of [
    ['sentiment', 'sentimentTrainFile', 'sentimentDevFile'],
    ['NER', 'nerTrainFile', 'nerDevFile'],
  ] as const) {
    if (settings.training[dev] !== '' && settings.training[train] === '') {
      problems.push(
        `${SETTINGS_SECTION}.training.${dev} is set but ${SETTINGS_SECTION}.training.${train} is empty: the ${task} ` +
          'dev file is ignored and the default dataset is used. Set both, or clear both.',
      );
      settings.training[dev] = '';
    }
  }
  return { settings, problems };
}

const describe = (value: unknown): string => {
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
};

class Checker {
  constructor(
    private readonly read: (key: string) => unknown,
    private readonly problems: string[],
  ) {}

  private fallback<T>(key: string, value: unknown, why: string, used: T): T {
    this.problems.push(`${SETTINGS_SECTION}.${key} ${why} (it is ${describe(value)}); using ${describe(used)}.`);
    return used;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.read(key);
    if (value === undefined) return fallback;
    return typeof value === 'boolean' ? value : this.fallback(key, value, 'must be true or false', fallback);
  }

  string(key: string, fallback: string): string {
    const value = this.read(key);
    if (value === undefined || value === null) return fallback;
    return typeof value === 'string' ? value.trim() : this.fallback(key, value, 'must be a string', fallback);
  }

  integer(key: string, { min, max }: { min: number; max: number }, fallback: number): number {
    const value = this.read(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.fallback(key, value, 'must be a whole number', fallback);
    if (value < min || value > max) return this.fallback(key, value, `must be between ${min} and ${max}`, fallback);
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this.read(key);
    if (value === undefined) return fallback;
    return allowed.includes(value as T) ? (value as T) : this.fallback(key, value, `must be one of ${allowed.join(', ')}`, fallback);
  }

  /** A list of non-empty strings; with `allowEmpty` the list itself may be empty. */
  strings(key: string, fallback: string[], allowEmpty: boolean): string[] {
    const value = this.read(key);
    if (value === undefined) return [...fallback];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
      return this.fallback(key, value, 'must be a list of non-empty strings', [...fallback]);
    }
    if (!allowEmpty && value.length === 0) return this.fallback(key, value, 'must not be empty', [...fallback]);
    return [...new Set(value.map((item: string) => item.trim()))];
  }

  /** Strategies to show: known names only (unknown ones are dropped), at least one. */
  subset(key: string, known: readonly string[], fallback: string[]): string[] {
    const list = this.strings(key, fallback, false);
    const unknown = list.filter((item) => !known.includes(item));
    const kept = list.filter((item) => known.includes(item));
    if (unknown.length === 0) return list;
    if (kept.length === 0) return this.fallback(key, list, `names no known strategy (known: ${known.join(', ')})`, [...fallback]);
    this.problems.push(`${SETTINGS_SECTION}.${key}: ignoring unknown ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${known.join(', ')}).`);
    return kept;
  }

  encoders(key: string): string[] {
    const list = this.strings(key, DEFAULT_SETTINGS.encoders, false);
    if (list.length <= LIMITS.encoders.max) return list;
    this.problems.push(`${SETTINGS_SECTION}.${key} lists ${list.length} encoders; only the first ${LIMITS.encoders.max} are used.`);
    return list.slice(0, LIMITS.encoders.max);
  }

  /** An object mapping raw labels to non-empty names; keys and names are trimmed, as the reader trims labels. */
  labelNames(key: string): Record<string, string> {
    const value = this.read(key);
    if (value === undefined || value === null) return {};
    const entries = typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : undefined;
    if (!entries || !entries.every(([raw, name]) => raw.trim() !== '' && typeof name === 'string' && name.trim() !== '')) {
      return this.fallback(key, value, 'must map each raw label to a name, e.g. {"0": "negative", "1": "positive"}', {});
    }
    return Object.fromEntries(entries.map(([raw, name]) => [raw.trim(), (name as string).trim()]));
  }

  url(key: string): string {
    const value = this.string(key, '');
    if (value === '') return value;
    let protocol = '';
    try {
      protocol = new URL(value).protocol;
    } catch {
      // not a URL at all: reported below
    }
    if (protocol === 'http:' || protocol === 'https:') return value;
    return this.fallback(key, value, 'must be an http(s) URL of a mirror serving the data layout (e.g. https://host/data)', '');
  }
}
