import { ProbeLensError } from '../errors';
import { jsonErrorOffset, positionAt } from '../json-syntax';
import { checkExperimentResults } from './results-shape';
import { RESULTS_FORMAT, type ExperimentResults } from './types';

/** A results.json is a few MB at most (the SST-2 pooling one is 0.3 MB); far beyond is not one. */
export const MAX_RESULTS_BYTES = 200 * 1024 * 1024;

const WHAT_TO_DO = 'Pick the results.json that "probe-lens experiment pooling|fusion --out <folder>" wrote into <folder>.';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether parsed JSON claims to be an experiment's results (a format number and an experiment kind), even if
 * something else in it is wrong: lets a caller tell "some other results.json" from "a damaged experiment".
 */
export function looksLikeExperimentResults(value: unknown): boolean {
  return isRecord(value) && typeof value.format === 'number' && (value.kind === 'pooling' || value.kind === 'fusion');
}

/** JSON.parse with the error's line and column: the message names `file`. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const where = offset === undefined ? '' : ` at line ${positionAt(text, offset).line}, column ${positionAt(text, offset).column}`;
    // V8's own message quotes a snippet across lines; with a position, the character there says more.
    let reason = (error as Error).message.replace(/\s+/g, ' ');
    if (text.trim() === '') reason = 'the file is empty';
    else if (offset === text.length) reason = 'the text ends before the JSON does (a cut-off file?)';
    else if (offset !== undefined) reason = `unexpected ${JSON.stringify(text[offset])}`;
    throw new ProbeLensError(`${file} is not valid JSON${where}: ${reason}. ${WHAT_TO_DO}`, 'bad-input');
  }
}

/**
 * Parses and checks an experiment's results.json (see ExperimentResults). Throws a 'bad-input'
 * ProbeLensError naming the file when the text is not JSON (with line and column), is JSON of another shape
 * (with the first missing or wrong field), comes from another format version, or holds no runs.
 */
export function parseExperimentResults(text: string, file: string): ExperimentResults {
  const value = parseJsonFile(text, file);
  if (!isRecord(value)) {
    throw new ProbeLensError(`${file} is not a Probe Lens experiment result: it holds ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}, not an object. ${WHAT_TO_DO}`, 'bad-input');
  }
  if (!('format' in value)) {
    throw new ProbeLensError(`${file} is not a Probe Lens experiment result: the field "format" is missing. ${WHAT_TO_DO}`, 'bad-input');
  }
  const format = value.format;
  if (typeof format === 'number' && Number.isInteger(format) && format > RESULTS_FORMAT) {
    throw new ProbeLensError(
      `${file} was written by a newer Probe Lens (results format ${format}; this version reads format ${RESULTS_FORMAT}). Update Probe Lens to view it.`,
      'bad-input',
    );
  }
  if (format !== RESULTS_FORMAT) {
    throw new ProbeLensError(`${file} has an unknown results format ${JSON.stringify(format)}: this version of Probe Lens reads format ${RESULTS_FORMAT}. ${WHAT_TO_DO}`, 'bad-input');
  }
  const problem = checkExperimentResults(value, '');
  if (problem) {
    throw new ProbeLensError(`${file} is not a complete Probe Lens experiment result: ${problem}. ${WHAT_TO_DO}`, 'bad-input');
  }
  const results = value as unknown as ExperimentResults;
  if (results.runs.length === 0 || results.cells.length === 0 || results.encoders.length === 0) {
    throw new ProbeLensError(
      `${file} holds an empty experiment: no head was trained (${results.runs.length} runs, ${results.encoders.length} encoders). ` +
        'Run the experiment again (with --resume to keep the runs of an interrupted one).',
      'bad-input',
    );
  }
  const missing = results.cells.find((cell) => !(results.metric.key in cell.metrics));
  if (missing) {
    throw new ProbeLensError(
      `${file} is not a complete Probe Lens experiment result: "cells[${results.cells.indexOf(missing)}].metrics" has no "${results.metric.key}", the experiment's metric. ${WHAT_TO_DO}`,
      'bad-input',
    );
  }
  return results;
}
