import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { ExperimentResults } from '../../src/core/experiments';
import { pointsSpread } from '../../src/core/experiments/format';
import type { ExperimentReport } from '../../src/core/experiments/report-view';
import { RESULTS_FORMAT } from '../../src/core/experiments/types';
import type { Outcome } from '../../src/extension/commands/outcome';
import type { ProbeLensApi } from '../../src/extension/extension';
import type { ReportHostMessage } from '../../src/protocol/webview';
import { DATA_DIR, TINY_BERT, TINY_GPT2 } from '../shared-path';
import { closeEditors, EXTENSION_ID, fixture } from './fixture';
import { waitFor } from './wait-for';

const COMMAND = 'probeLens.showExperimentReport';
const EXPERIMENT_TIMEOUT_MS = 4 * 60_000;

type ReportOutcome = Outcome<{ file: string; report: ExperimentReport }>;

function showReport(argument?: unknown): Thenable<ReportOutcome> {
  return vscode.commands.executeCommand<ReportOutcome>(COMMAND, argument);
}

function failure(outcome: ReportOutcome): { reason: string; message: string; code?: string } {
  if (outcome.ok) assert.fail(`expected the command to refuse the file, it showed ${outcome.value.file}`);
  return outcome;
}

/** What the report panel of `file` last received. */
function panelMessage(api: ProbeLensApi, file: string): ReportHostMessage | undefined {
  return api.experimentReports().find((panel) => panel.uri.fsPath === file)?.lastMessage;
}

/**
 * Show Experiment Report on what `probe-lens experiment fusion --quick` writes (the CLI of this checkout, on
 * the two tiny encoders), then on files a user could point it at by mistake. The panel follows the file on
 * disk: changes, a damaged rewrite, deletion and re-creation.
 */
describe('Show Experiment Report', function () {
  let api: ProbeLensApi;
  let folder: string;
  let resultsFile: string;
  let results: ExperimentResults;

  before(async function () {
    this.timeout(EXPERIMENT_TIMEOUT_MS + 30_000);
    ({ api } = await fixture());
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? fs.mkdtempSync(path.join(os.tmpdir(), 'reports-'));
    folder = path.join(workspace, 'experiments', 'fusion-quick');
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    const conll = path.join(DATA_DIR, 'conll2003');
    const args = ['experiment', 'fusion', '--quick', '--seeds', '2', '-m', TINY_BERT, '-m', TINY_GPT2, '--train', path.join(conll, 'eng.train'), '--dev', path.join(conll, 'eng.testa')];
    await promisify(execFile)(process.execPath, [cli, ...args, '--out', folder, '--cache-dir', path.join(os.tmpdir(), 'experiment-cache')], { timeout: EXPERIMENT_TIMEOUT_MS });
    resultsFile = path.join(folder, 'results.json');
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as ExperimentResults;
  });
  afterEach(closeEditors);

  it('shows the report of a results.json given as a URI: tables, charts and claims from its numbers', async () => {
    const outcome = await showReport(vscode.Uri.file(resultsFile));
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
    const message = panelMessage(api, resultsFile);
    assert.equal(message?.type, 'report');
    const report = (message as Extract<ReportHostMessage, { type: 'report' }>).report;
    assert.deepEqual(report, outcome.value.report);
    assert.equal(report.commandLine, results.commandLine);
    assert.deepEqual(report.encoders.map((e) => e.label), ['tiny-bert-uncased', 'tiny-gpt2']);
    for (const encoder of report.encoders) {
      const f1 = encoder.tables[0];
      assert.deepEqual(f1.rows.map((row) => row[0]), results.strategies);
      const cell = results.cells.find((c) => c.encoder === encoder.label && c.strategy === f1.rows[0][0] && c.size === results.sizes[0].used)!;
      assert.equal(f1.rows[0][2], pointsSpread(cell.metrics.f1));
      assert.ok(encoder.tables.some((t) => t.caption.startsWith('Steps to target')), 'no steps-to-target table');
      assert.deepEqual(encoder.charts.map((c) => c.kind), ['metric-vs-size', 'layer-weights']);
    }
    assert.deepEqual(report.claims.map((c) => c.verdict), results.claims.map((c) => c.verdict));
    const tabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs.filter((tab) => tab.input instanceof vscode.TabInputWebview).map((tab) => tab.label));
    await waitFor(() => tabs().includes('Experiment: fusion-quick'), `a tab "Experiment: fusion-quick" shows (tabs: ${tabs().join(', ')})`);
  });

  it('uses the results.json, or the report.md beside it, of the active editor', async () => {
    for (const name of ['results.json', 'report.md']) {
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, name)));
      const outcome = await showReport();
      assert.ok(outcome.ok, `${name}: ${outcome.ok ? '' : outcome.message}`);
      assert.equal(outcome.value.file, resultsFile, name);
    }
    assert.equal(api.experimentReports().filter((panel) => panel.uri.fsPath === resultsFile).length, 1, 'a second panel for the same file');
  });

  it('follows the file: a change is shown, a damaged rewrite and a deletion are said in the panel, a new file or folder comes back', async function () {
    this.timeout(60_000);
    await showReport(vscode.Uri.file(resultsFile));
    const original = fs.readFileSync(resultsFile, 'utf8');
    const shown = () => panelMessage(api, resultsFile);
    const changed = { ...results, commandLine: `${results.commandLine} --changed` };
    // One write, right after the panel opened: the panel must see it even when VS Code's workspace watcher
    // missed the folder the experiment created just before (it often does, right after the window opened).
    fs.writeFileSync(resultsFile, JSON.stringify(changed));
    await waitFor(() => shown()?.type === 'report' && (shown() as Extract<ReportHostMessage, { type: 'report' }>).report.commandLine === changed.commandLine, 'the panel shows the changed file', 15_000);

    fs.writeFileSync(resultsFile, original.slice(0, 200));
    await waitFor(() => shown()?.type === 'reportProblem', 'the panel says the file is damaged', 15_000);
    assert.match((shown() as Extract<ReportHostMessage, { type: 'reportProblem' }>).message, /is not valid JSON at line \d+, column \d+/);

    fs.rmSync(resultsFile);
    await waitFor(() => shown()?.type === 'reportProblem' && /was deleted/.test((shown() as { title: string }).title), 'the panel says the file was deleted', 15_000);
    assert.match((shown() as Extract<ReportHostMessage, { type: 'reportProblem' }>).message, /no longer exists/);

    fs.writeFileSync(resultsFile, original);
    await waitFor(() => shown()?.type === 'report', 'the panel shows the file again', 15_000);
    assert.equal((shown() as Extract<ReportHostMessage, { type: 'report' }>).report.commandLine, results.commandLine);

    // The whole output folder removed and written again, as a re-run of the experiment into a cleaned folder does.
    const backup = fs.mkdtempSync(path.join(os.tmpdir(), 'report-backup-'));
    fs.cpSync(folder, backup, { recursive: true });
    fs.rmSync(folder, { recursive: true });
    await waitFor(() => shown()?.type === 'reportProblem', 'the panel says the folder was deleted', 15_000);
    fs.cpSync(backup, folder, { recursive: true });
    await waitFor(() => shown()?.type === 'report', 'the panel shows the re-created folder', 15_000);
  });

  it('refuses files that are not an experiment result, with a message naming the file and the problem, and opens no panel', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-results-'));
    const write = (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return file;
    };
    const cases: { file: string; expected: RegExp }[] = [
      { file: write('not-json.json', '{"format": 1,\n  "kind": pooled}'), expected: /is not valid JSON at line 2, column 11: unexpected "p"/ },
      { file: write('other.json', JSON.stringify({ accuracy: 0.91, model: 'bert' })), expected: /not a Probe Lens experiment result: the field "format" is missing/ },
      { file: write('no-cells.json', JSON.stringify({ ...results, cells: undefined })), expected: /"cells" is missing/ },
      { file: write('newer.json', JSON.stringify({ ...results, format: RESULTS_FORMAT + 1 })), expected: /written by a newer Probe Lens/ },
      { file: write('empty.json', JSON.stringify({ ...results, runs: [], cells: [] })), expected: /empty experiment: no head was trained/ },
      { file: path.join(dir, 'missing', 'results.json'), expected: /does not exist/ },
      { file: dir, expected: /is a folder/ },
    ];
    const panels = api.experimentReports().length;
    for (const { file, expected } of cases) {
      const outcome = failure(await showReport(vscode.Uri.file(file)));
      assert.match(outcome.message, expected, path.basename(file));
      assert.ok(outcome.message.includes(file), `${path.basename(file)}: the message does not name the file: ${outcome.message}`);
    }
    assert.equal(api.experimentReports().length, panels, 'a bad file opened a panel');
    // The extension host is still there and answering.
    assert.ok((await showReport(vscode.Uri.file(resultsFile))).ok);
  });
});
