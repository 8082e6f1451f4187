import type { EncoderIdentity } from '../../encoders/types';
import { ProbeLensError } from '../../errors';
import type { Hyperparameters } from '../../train/trainer';
import { checkStrategy } from '../registry';
import { type HeadShape } from '../strategy/definition';
import { type Task } from '../../task';

export const PROBE_FORMAT = 'probe-lens/probe@1';

/** What the probe was trained on, for the user to read back. */
export interface TrainingDescription {
  /** The training file as given, and how many examples (sentences) were used. */
  file: string;
  examples: number;
  /** Where the dev split came from: a file, or "held out from <train file>". */
  dev: string;
  devExamples: number;
  /** Any --limit or few-shot sample size applied. */
  limit?: number;
}

/** config.json of a probe folder. */
export interface ProbeConfig {
  format: typeof PROBE_FORMAT;
  task: Task;
  strategy: string;
  /** Output index i of the classifier means labels[i]. */
  labels: string[];
  encoder: EncoderIdentity;
  shape: HeadShape;
  parameterCount: number;
  seed: number;
  hyperparameters: Hyperparameters;
  training: TrainingDescription;
  /** Dev scores of the kept weights (accuracy, macroF1 for sentiment; f1, precision, recall for ner ...). */
  metrics: Record<string, number>;
  bestEpoch: number;
  epochsRun: number;
  /** ISO time the probe was written. */
  trainedAt: string;
}

/** Validates parsed config.json content; errors name the folder and the bad field. */
export function parseProbeConfig(value: unknown, where: string): ProbeConfig {
  const fail = (why: string) => new ProbeLensError(`${where}: ${why}. Train the probe again.`, 'probe');
  if (typeof value !== 'object' || value === null) throw fail('config.json is not a JSON object');
  const config = value as Partial<ProbeConfig>;
  if (config.format !== PROBE_FORMAT) throw fail(`config.json has format ${JSON.stringify(config.format)}, expected "${PROBE_FORMAT}"`);
  if (config.task !== 'sentiment' && config.task !== 'ner') throw fail(`config.json has an unknown task ${JSON.stringify(config.task)}`);
  if (typeof config.strategy !== 'string') throw fail('config.json has no strategy');
  try {
    checkStrategy(config.task, config.strategy);
  } catch (error) {
    throw fail(`config.json: ${(error as Error).message}`);
  }
  if (!Array.isArray(config.labels) || !config.labels.every((l) => typeof l === 'string') || config.labels.length < 2) {
    throw fail('config.json has no list of at least two labels');
  }
  const encoder = config.encoder;
  if (
    !encoder ||
    typeof encoder.name !== 'string' ||
    typeof encoder.fingerprint !== 'string' ||
    !Number.isInteger(encoder.layers) ||
    !Number.isInteger(encoder.hiddenSize)
  ) {
    throw fail('config.json has no complete encoder identity');
  }
  const shape = config.shape;
  if (!shape || shape.hiddenSize !== encoder.hiddenSize || shape.numLayers !== encoder.layers + 1 || shape.numLabels !== config.labels.length) {
    throw fail('config.json: the head shape does not agree with its encoder and labels');
  }
  return config as ProbeConfig;
}

const IDENTITY_FIELDS = ['hiddenSize', 'layers', 'family', 'dtype', 'fingerprint'] as const;

/**
 * Refuses a probe whose encoder is not `actual`, naming the first field that differs. The name is not
 * compared: the same model may sit at another path; its fingerprint (the ONNX file's hash) decides.
 */
export function checkEncoderIdentity(config: ProbeConfig, actual: EncoderIdentity, where: string): void {
  for (const field of IDENTITY_FIELDS) {
    if (config.encoder[field] !== actual[field]) {
      const detail =
        field === 'fingerprint'
          ? 'its ONNX weights differ (fingerprint ' + config.encoder.fingerprint.slice(0, 12) + '… vs ' + actual.fingerprint.slice(0, 12) + '…)'
          : `${field} is ${String(config.encoder[field])} there but ${String(actual[field])} here`;
      throw new ProbeLensError(
        `The probe ${where} was trained for encoder "${config.encoder.name}", not "${actual.name}": ${detail}. ` +
          'Train a probe for this encoder, or select the encoder it was trained for.',
        'probe',
      );
    }
  }
}
