import { ProbeLensError } from '../errors';

/** A dataset error pointing at a place in a file: "file:line: message" (or "file: message" without a line). */
export function dataError(file: string, line: number | undefined, message: string): ProbeLensError {
  return new ProbeLensError(line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`, 'data');
}
