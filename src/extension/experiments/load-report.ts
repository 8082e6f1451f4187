import * as vscode from 'vscode';
import { ProbeLensError } from '../../core/errors';
import { MAX_RESULTS_BYTES, parseExperimentResults } from '../../core/experiments/read-results';
import { experimentReport, type ExperimentReport } from '../../core/experiments/report-view';

/** A results file as the user knows it: its path on disk, or the URI of a remote one. */
export function displayPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/** The raw text of a file through VS Code's file system (local or remote), refusing anything far too large to be results. */
export async function readResultsText(uri: vscode.Uri): Promise<string> {
  const file = displayPath(uri);
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    throw new ProbeLensError(`${file} does not exist (or cannot be read). Pick an experiment's results.json.`, 'model-not-found');
  }
  if (stat.type & vscode.FileType.Directory) {
    throw new ProbeLensError(`${file} is a folder: pick the results.json inside an experiment's output folder.`, 'bad-input');
  }
  if (stat.size > MAX_RESULTS_BYTES) {
    throw new ProbeLensError(`${file} is ${(stat.size / 1024 / 1024).toFixed(0)} MB: far larger than an experiment's results.json. Pick the results.json of an experiment.`, 'bad-input');
  }
  // TextDecoder drops a leading byte-order mark, which JSON.parse would reject.
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/** Reads, checks and lays out an experiment's results.json; a ProbeLensError says what is wrong with it. */
export async function loadExperimentReport(uri: vscode.Uri): Promise<ExperimentReport> {
  const text = await readResultsText(uri);
  return experimentReport(parseExperimentResults(text, displayPath(uri)), displayPath(uri));
}
