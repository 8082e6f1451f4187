import { slug } from './charts';
import type { ExperimentReport, ReportTable } from './report-view';

/**
 * Every table of a report with a file name: <encoder>-<n>-<caption words> per encoder, claim-<n>-evidence per
 * claim. The report's tables/ folder and the report panel's "Save CSV" buttons use these names.
 */
export function reportTables(report: ExperimentReport): { name: string; table: ReportTable }[] {
  const words = (caption: string) => slug(caption.split(/[(:;]/)[0]).split('-').slice(0, 6).join('-');
  return [
    ...report.encoders.flatMap((encoder) => encoder.tables.map((table, i) => ({ name: `${slug(encoder.label)}-${i + 1}-${words(table.caption)}`, table }))),
    ...report.claims.flatMap((claim, i) => (claim.evidence ? [{ name: `claim-${i + 1}-evidence`, table: claim.evidence }] : [])),
  ];
}
