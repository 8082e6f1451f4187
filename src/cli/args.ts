import { findEncoder } from '../core/catalogue';
import type { Dtype } from '../core/encoders/types';
import { checkStrategy } from '../core/heads/registry';
import { type Task } from '../core/task';
import { ProbeLensError } from '../core/errors';
import { UsageError, type CliIo, type ParsedArgs } from './command';

/** Reading option values the same way in every command: each mistake is a UsageError naming the option. */

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (Array.isArray(value)) return value[value.length - 1];
  if (value.trim() === '') throw new UsageError(`--${name} needs a value.`);
  return value;
}

export function requiredString(args: ParsedArgs, name: string, what: string): string {
  const value = stringOption(args, name);
  if (value === undefined) throw new UsageError(`--${name} is required: ${what}.`);
  return value;
}

/** Every value of a repeatable option (`multiple: true`), in the order given. */
export function repeatedOption(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  const values = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  if (values.some((v) => v.trim() === '')) throw new UsageError(`--${name} needs a value.`);
  return values;
}

/** A whole number of at least `min` (a count: --limit, --few-shot, --max-chars), or undefined when not given. */
export function integerOption(args: ParsedArgs, name: string, min: number): number | undefined {
  const given = stringOption(args, name);
  if (given === undefined) return undefined;
  const n = Number(given);
  if (!/^\d+$/.test(given.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${name} takes a whole number of at least ${min}, not "${given}".`);
  }
  return n;
}

/** A comma-separated list ("mean,max"), trimmed, without empty items or repeats. */
export function listOption(args: ParsedArgs, name: string): string[] | undefined {
  const given = stringOption(args, name);
  if (given === undefined) return undefined;
  const items = [...new Set(given.split(',').map((item) => item.trim()))];
  if (items.some((item) => item === '')) throw new UsageError(`--${name} takes a comma-separated list, not "${given}".`);
  return items;
}

export function taskOption(args: ParsedArgs): Task {
  const task = requiredString(args, 'task', 'sentiment or ner');
  if (task !== 'sentiment' && task !== 'ner') throw new UsageError(`--task takes sentiment or ner, not "${task}".`);
  return task;
}

/** Strategies of a task from a comma list (--heads, --pooling, --fusion); an unknown name is a usage error. */
export function strategyOption(args: ParsedArgs, name: string, task: Task): string[] | undefined {
  const strategies = listOption(args, name);
  try {
    strategies?.forEach((strategy) => checkStrategy(task, strategy));
  } catch (error) {
    if (error instanceof ProbeLensError) throw new UsageError(`--${name}: ${error.message}`);
    throw error;
  }
  return strategies;
}

const DTYPES: readonly Dtype[] = ['fp32', 'q8'];

export function dtypeOption(args: ParsedArgs): Dtype | undefined {
  const given = stringOption(args, 'dtype');
  if (given === undefined) return undefined;
  if (!DTYPES.includes(given as Dtype)) throw new UsageError(`--dtype takes fp32 or q8, not "${given}".`);
  return given as Dtype;
}

/**
 * The dtype to load `model` with: --dtype, else the catalogue's default for a known hub id (q8), else
 * undefined (the loader's fp32). Every command picks it the same way, so compare finds what train saved.
 */
export function modelDtype(args: ParsedArgs, model: string): Dtype | undefined {
  return dtypeOption(args) ?? findEncoder(model.trim())?.defaultDtype;
}

/** The one text argument of a command; "-" reads it from stdin. `purpose` completes "Give the text to ...". */
export async function textArgument(args: ParsedArgs, io: CliIo, purpose: string): Promise<string> {
  if (args.positionals.length !== 1) {
    throw new UsageError(
      args.positionals.length === 0
        ? `Give the text to ${purpose} (or - to read it from stdin).`
        : `Give the text as one argument (quote it); got ${args.positionals.length} arguments.`,
    );
  }
  const [text] = args.positionals;
  return text === '-' ? io.readStdin() : text;
}

/** For commands that take no text: a stray word is most likely a mistyped option. */
export function noPositionals(args: ParsedArgs): void {
  if (args.positionals.length > 0) throw new UsageError(`Unexpected argument "${args.positionals[0]}".`);
}
