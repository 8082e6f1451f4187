import * as path from 'node:path';
import { ProbeLensError } from '../core/errors';
import { parseSizes, QUICK_SETTINGS, type ScheduleOptions, type SizeRequest } from '../core/experiments';
import type { ExperimentKind } from '../core/experiments';
import { integerOption, repeatedOption, requiredString, stringOption, strategyOption } from './args';
import { UsageError, type ParsedArgs } from './command';

export const DEFAULT_SIZES: Readonly<Record<ExperimentKind, string>> = { pooling: '100,500,2000,all', fusion: '50,100,200,500,1000,all' };
export const DEFAULT_SEEDS = 3;

/** The experiment command line, read and checked: every mistake is a UsageError naming the option. */
export interface ExperimentOptions {
  kind: ExperimentKind;
  models: string[];
  trainFile: string;
  devFile: string;
  sizes: SizeRequest[];
  seeds: number;
  outDir: string;
  quick: boolean;
  strategies?: string[];
  devSize?: number;
  selectionSize?: number;
  schedule: Partial<ScheduleOptions>;
}

function kindOf(args: ParsedArgs): ExperimentKind {
  const [kind, ...rest] = args.positionals;
  if (kind !== 'pooling' && kind !== 'fusion') {
    throw new UsageError(kind === undefined ? 'Say which experiment: pooling or fusion.' : `Unknown experiment "${kind}": choose pooling or fusion.`);
  }
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`);
  return kind;
}

function sizesOf(args: ParsedArgs, kind: ExperimentKind, quick: boolean): SizeRequest[] {
  const given = stringOption(args, 'sizes');
  if (given === undefined) return quick ? QUICK_SETTINGS[kind].sizes : parseSizes(DEFAULT_SIZES[kind]);
  try {
    return parseSizes(given);
  } catch (error) {
    if (error instanceof ProbeLensError) throw new UsageError(error.message);
    throw error;
  }
}

/** --selection-size: a count, or "all" (every dev example). */
function selectionSizeOf(args: ParsedArgs): number | undefined {
  if (stringOption(args, 'selection-size')?.trim().toLowerCase() === 'all') return Number.POSITIVE_INFINITY;
  return integerOption(args, 'selection-size', 1);
}

function scheduleOf(args: ParsedArgs, kind: ExperimentKind, quick: boolean): Partial<ScheduleOptions> {
  const given: Partial<ScheduleOptions> = quick ? { ...QUICK_SETTINGS[kind].schedule } : {};
  const minSteps = integerOption(args, 'min-steps', 1);
  const maxSteps = integerOption(args, 'max-steps', 1);
  const evaluateEvery = integerOption(args, 'eval-every', 1);
  if (minSteps !== undefined) given.minSteps = minSteps;
  if (maxSteps !== undefined) given.maxSteps = maxSteps;
  if (evaluateEvery !== undefined) given.evaluateEvery = evaluateEvery;
  if (given.minSteps !== undefined && given.maxSteps !== undefined && given.minSteps > given.maxSteps) {
    throw new UsageError(`--min-steps ${given.minSteps} is more than --max-steps ${given.maxSteps}.`);
  }
  return given;
}

export function readExperimentOptions(args: ParsedArgs): ExperimentOptions {
  const kind = kindOf(args);
  const quick = args.values.quick === true;
  const models = repeatedOption(args, 'model');
  if (models.length === 0) throw new UsageError('--model is required: the encoder(s) to compare (repeat --model for several).');
  const task = kind === 'pooling' ? 'sentiment' : 'ner';
  const seeds = integerOption(args, 'seeds', 1) ?? (quick ? QUICK_SETTINGS[kind].seeds : DEFAULT_SEEDS);
  return {
    kind,
    models,
    trainFile: requiredString(args, 'train', 'the training data file'),
    devFile: requiredString(args, 'dev', 'the dev data file the heads are scored on'),
    sizes: sizesOf(args, kind, quick),
    seeds,
    outDir: path.resolve(stringOption(args, 'out') ?? `experiment-${kind}`),
    quick,
    strategies: strategyOption(args, 'heads', task),
    devSize: integerOption(args, 'dev-size', 1) ?? (quick ? QUICK_SETTINGS[kind].devSize : undefined),
    selectionSize: selectionSizeOf(args),
    schedule: scheduleOf(args, kind, quick),
  };
}

/** Options that change no number: left out of the recorded command line, which reproduces the results without them. */
const NOT_RECORDED = new Set(['help', 'resume']);

/** The command line as typed (values shell-quoted), recorded in the results. */
export function commandLineOf(args: ParsedArgs): string {
  const quote = (text: string) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);
  const parts = ['probe-lens', 'experiment', ...args.positionals.map(quote)];
  for (const [name, value] of Object.entries(args.values)) {
    if (NOT_RECORDED.has(name) || value === undefined || value === false) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) parts.push(one === true ? `--${name}` : `--${name} ${quote(String(one))}`);
  }
  return parts.join(' ');
}
