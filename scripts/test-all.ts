/**
 * `npm test`: every check in order (type-check, lint, unit, integration in the real extension host,
 * UI in Chromium, the quick benchmark), one summary table, exit 1 when anything failed. All parts run even after a failure,
 * so one run shows everything that is wrong. The last line is the plain `N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { formatCounts } from '../test/harness/test-output';

type Counts = { passed: number; failed: number };

/** A check (tsc, eslint) is one item that passes or fails; a test part reports how many tests did. */
type Part =
  | { name: string; script: string[]; kind: 'check'; noun: string; problems: (output: string) => number }
  | { name: string; script: string[]; kind: 'tests'; counts: (output: string) => Counts | undefined };

interface Outcome extends Counts {
  name: string;
  ok: boolean;
  detail: string;
  seconds: number;
  /** What the part said about its failures, repeated under the summary so a log's tail names them. */
  failures: string;
}

const lastMatch = (output: string, pattern: RegExp) => [...output.matchAll(pattern)].at(-1);
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The `N passed, N failed` line the integration and UI harnesses end with. */
function plainCounts(output: string): Counts | undefined {
  const counts = lastMatch(output, /^(\d+) passed, (\d+) failed$/gm);
  return counts && { passed: Number(counts[1]), failed: Number(counts[2]) };
}

/** The summary of node's spec reporter: `ℹ pass N` / `ℹ fail N`. */
function nodeTestCounts(output: string): Counts | undefined {
  const passed = lastMatch(output, /^ℹ pass (\d+)$/gm);
  const failed = lastMatch(output, /^ℹ fail (\d+)$/gm);
  return passed && failed ? { passed: Number(passed[1]), failed: Number(failed[1]) } : undefined;
}

const FAILURE_LINES = 40;

/** The failures section of mocha's (`N failing`) or node's (`✖ failing tests:`) spec reporter, trimmed. */
function failureExcerpt(output: string): string {
  const start = lastMatch(output, /^\s*(?:\d+ failing|✖ failing tests:)$/gm);
  if (start?.index === undefined) return '';
  const lines = output.slice(start.index).trim().split('\n');
  const shown = lines.slice(0, FAILURE_LINES);
  if (lines.length > FAILURE_LINES) shown.push(`… ${lines.length - FAILURE_LINES} more lines in the part's output above`);
  return shown.join('\n');
}

const PARTS: Part[] = [
  {
    name: 'type-check',
    script: ['typecheck'],
    kind: 'check',
    noun: 'error',
    problems: (out) => (out.match(/error TS\d+/g) ?? []).length,
  },
  {
    name: 'lint',
    script: ['lint'],
    kind: 'check',
    noun: 'problem',
    problems: (out) => Number(lastMatch(out, /✖ (\d+) problems?/g)?.[1] ?? 0),
  },
  { name: 'unit', script: ['test:unit', '--', '--test-reporter=spec'], kind: 'tests', counts: nodeTestCounts },
  { name: 'integration', script: ['test:integration'], kind: 'tests', counts: plainCounts },
  { name: 'ui', script: ['test:ui'], kind: 'tests', counts: plainCounts },
  {
    // The quick benchmark fails only when a measurement breaks, never on a timing.
    name: 'bench --quick',
    script: ['bench', '--', '--quick'],
    kind: 'check',
    noun: 'failed section',
    problems: (out) => Number(lastMatch(out, /(\d+) failed sections?/g)?.[1] ?? 0),
  },
];

/** Runs `npm run <script>`, echoing its output live and keeping a copy to read the counts from. */
function runScript(script: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['run', '--silent', ...script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function runPart(part: Part): Promise<Outcome> {
  console.log(`\n━━━ ${part.name}: npm run ${part.script.join(' ')}`);
  const started = performance.now();
  const { code, output } = await runScript(part.script);
  const seconds = (performance.now() - started) / 1000;
  const ok = code === 0;
  const failures = ok ? '' : failureExcerpt(output);
  if (part.kind === 'check') {
    const problems = part.problems(output);
    const detail = plural(problems, part.noun);
    return { name: part.name, ok, passed: ok ? 1 : 0, failed: ok ? 0 : 1, detail, seconds, failures };
  }
  const counts = part.counts(output);
  if (!counts) {
    // It crashed or failed before counting: one failure, so the total cannot read as clean.
    const detail = 'no counts: see its output above';
    return { name: part.name, ok, passed: 0, failed: ok ? 0 : 1, detail, seconds, failures };
  }
  const failed = !ok && counts.failed === 0 ? 1 : counts.failed;
  const detail = formatCounts(counts.passed, counts.failed);
  return { name: part.name, ok, passed: counts.passed, failed, detail, seconds, failures };
}

function printSummary(outcomes: Outcome[], totalSeconds: number): void {
  const rows = outcomes.map((o) => [o.name, o.ok ? 'PASS' : 'FAIL', o.detail, `${o.seconds.toFixed(1)} s`]);
  const header = ['part', 'result', 'counts', 'time'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  console.log(`\n${line(header)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  rows.forEach((row) => console.log(line(row)));
  console.log(`total time ${totalSeconds.toFixed(1)} s`);
  for (const outcome of outcomes.filter((o) => o.failures)) {
    console.log(`\n${outcome.name} failures:\n${outcome.failures}`);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const outcomes: Outcome[] = [];
  for (const part of PARTS) {
    outcomes.push(await runPart(part));
  }
  printSummary(outcomes, (performance.now() - started) / 1000);
  const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
  const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
  console.log(formatCounts(passed, failed));
  process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
}

void main();
