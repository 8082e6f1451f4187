import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toCsv } from '../csv';
import { makeFolder } from '../folders';
import { reportMarkdown } from './report-markdown';
import { experimentReport } from './report-view';
import { reportTables } from './report-tables';
import type { ExperimentResults } from './types';

/** What writeExperimentOutputs wrote, absolute paths. */
export interface WrittenOutputs {
  report: string;
  results: string;
  charts: string[];
  /** Every table of the report as CSV, under tables/. */
  tables: string[];
}

/**
 * Writes report.md, results.json, one <chart id>.svg per chart and every table of the report (as the report
 * panel shows them) as tables/<name>.csv into `outDir` (created if needed). Each file is written under a
 * temporary name and renamed, so a reader never sees half a file.
 */
export function writeExperimentOutputs(results: ExperimentResults, outDir: string): WrittenOutputs {
  const dir = path.resolve(outDir);
  makeFolder(dir, 'The output folder');
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    const temporary = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
    return file;
  };
  const charts = results.charts.map((chart) => write(`${chart.id}.svg`, chart.svg));
  const resultsFile = write('results.json', `${JSON.stringify(results, null, 1)}\n`);
  fs.mkdirSync(path.join(dir, 'tables'), { recursive: true });
  const tables = reportTables(experimentReport(results, resultsFile)).map(({ name, table }) => write(path.join('tables', `${name}.csv`), toCsv(table.header, table.rows)));
  return { results: resultsFile, report: write('report.md', reportMarkdown(results)), charts, tables };
}
