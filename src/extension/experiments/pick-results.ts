import * as path from 'node:path';
import * as vscode from 'vscode';
import { looksLikeExperimentResults, MAX_RESULTS_BYTES } from '../../core/experiments/read-results';

const RESULTS_NAME = 'results.json';
const REPORT_NAME = 'report.md';
// A workspace with more experiment folders than this is unusual; the dialog still reaches the others.
const MAX_CANDIDATES = 200;

interface ResultsItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

/**
 * Which results file to show: the command's argument (a URI from the explorer's context menu, or a path);
 * else the results.json or report.md of the active editor when it belongs to an experiment; else the user's
 * pick among the workspace's experiment results, or any file through "Browse…". Undefined: cancelled.
 */
export async function pickResultsFile(argument: unknown): Promise<vscode.Uri | undefined> {
  if (argument instanceof vscode.Uri) return argument;
  if (typeof argument === 'string' && argument.length > 0) return vscode.Uri.file(argument);
  return (await fromActiveEditor()) ?? (await pickFromWorkspace());
}

async function fromActiveEditor(): Promise<vscode.Uri | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.isUntitled) return undefined;
  const name = path.posix.basename(document.uri.path);
  if (name === RESULTS_NAME) {
    // A results.json of some other tool falls through to the pick; a damaged experiment's is used (and its problem shown).
    const value = parseOrUndefined(document.getText());
    return value === undefined || looksLikeExperimentResults(value) ? document.uri : undefined;
  }
  if (name === REPORT_NAME) {
    const sibling = vscode.Uri.joinPath(document.uri, '..', RESULTS_NAME);
    return (await isExperimentResults(sibling)) ? sibling : undefined;
  }
  return undefined;
}

/** Parsed JSON, or undefined when the text is not JSON. */
function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readCandidate(uri: vscode.Uri): Promise<Record<string, unknown> | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_RESULTS_BYTES) return undefined;
    const value = parseOrUndefined(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)));
    return looksLikeExperimentResults(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function isExperimentResults(uri: vscode.Uri): Promise<boolean> {
  return (await readCandidate(uri)) !== undefined;
}

async function pickFromWorkspace(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles(`**/${RESULTS_NAME}`, '**/node_modules/**', MAX_CANDIDATES);
  const items: ResultsItem[] = [];
  for (const uri of files.sort((a, b) => a.path.localeCompare(b.path))) {
    const results = await readCandidate(uri);
    if (!results) continue;
    const date = typeof results.startedAt === 'string' ? results.startedAt.slice(0, 10) : '';
    items.push({
      uri,
      label: vscode.workspace.asRelativePath(vscode.Uri.joinPath(uri, '..')),
      description: [`${String(results.kind)}${results.quick === true ? ' (quick)' : ''}`, date].filter(Boolean).join(' · '),
      detail: typeof results.commandLine === 'string' ? results.commandLine : undefined,
    });
  }
  const browse: ResultsItem = { label: '$(folder-opened) Browse…', description: 'any results.json on disk' };
  const picked = await vscode.window.showQuickPick([...items, { label: '', kind: vscode.QuickPickItemKind.Separator }, browse], {
    title: 'Probe Lens: show an experiment report',
    placeHolder: items.length > 0 ? 'Pick an experiment (its results.json)' : 'No experiment results in this workspace: browse for a results.json',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFolders: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { 'Experiment results': ['json'] },
    openLabel: 'Show Report',
    title: "Probe Lens: pick an experiment's results.json",
  });
  return chosen?.[0];
}
