import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Machine } from './machine';
import { meetsTarget, type Measurement } from './measurement';

export interface SectionFailure {
  section: string;
  error: string;
}

export interface BenchReport {
  command: string;
  /** quick or full, with -base for --scale base. */
  mode: string;
  startedAt: string;
  seconds: number;
  machine: Machine;
  /** The session settings the product used in this run (sessionOptions, default batch size). */
  settings: Record<string, unknown>;
  measurements: Measurement[];
  failures: SectionFailure[];
}

function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(magnitude >= 1 ? 2 : 3);
}

function formatDetails(details: Measurement['details']): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([key, value]) => `${key} ${typeof value === 'number' ? formatNumber(value) : String(value)}`)
    .join('; ');
}

function row(m: Measurement): string {
  const target = m.target ? `${m.target.op} ${formatNumber(m.target.value)}` : '';
  if (m.value === undefined) return `| ${m.item} | ${m.subject} | ${m.unavailable ?? 'no value'} | | ${target} | | |`;
  const met = meetsTarget(m);
  const verdict = met === undefined ? '' : met ? 'yes' : 'NO';
  const spread = m.spread ? `IQR ${formatNumber(m.spread.iqr)}, n ${m.spread.n}` : '';
  return `| ${m.item} | ${m.subject} | ${formatNumber(m.value)} ${m.unit} | ${spread} | ${target} | ${verdict} | ${formatDetails(m.details)} |`;
}

export function markdown(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    `## Probe Lens benchmark (${report.mode}), ${report.startedAt}`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.physicalCores} physical / ${machine.logicalCores} logical cores, ` +
      `${machine.memoryGb} GB, ${machine.platform}, node ${machine.node}; load average at start ${machine.loadAverageAtStart.toFixed(2)}.`,
    `Versions: ${Object.entries(machine.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    `Product settings: ${JSON.stringify(report.settings)}.`,
    '',
    '| item | subject | value | spread | target | met | details |',
    '|---|---|---|---|---|---|---|',
    ...report.measurements.map(row),
    '',
  ];
  for (const failure of report.failures) lines.push(`FAILED section ${failure.section}: ${failure.error}`);
  const unavailable = report.measurements.filter((m) => m.value === undefined).length;
  lines.push(
    `bench: ${report.measurements.length - unavailable} measured, ${unavailable} not available, ` +
      `${report.failures.length} failed sections, ${report.seconds.toFixed(0)} s`,
  );
  return lines.join('\n');
}

/**
 * Writes the report as JSON into dir: bench-<mode>-<time>.json, and latest-<mode>.json when every section ran
 * (an `--only` run must not replace the last whole run). Returns the first path.
 */
export function writeJson(report: BenchReport, dir: string, everySection: boolean): string {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const file = path.join(dir, `bench-${report.mode}-${stamp}.json`);
  const text = JSON.stringify(report, null, 2) + '\n';
  writeFileSync(file, text);
  if (everySection) writeFileSync(path.join(dir, `latest-${report.mode}.json`), text);
  return file;
}
