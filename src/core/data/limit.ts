import { ProbeLensError } from '../errors';

/** Checks a user-given row/sentence count (--limit, a sample size): a whole number of at least 1. */
export function checkCount(value: number | undefined, what: string): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
    throw new ProbeLensError(`${what} must be a whole number of at least 1, not ${value}.`, 'bad-input');
  }
}

/** The notice for a limit or sample size the data cannot fill. */
export function shortfallNotice(file: string, asked: number, available: number, unit: string, what: string): string {
  return `${file}: ${what} ${asked} is more than the ${available} ${unit} available; using all ${available}.`;
}
