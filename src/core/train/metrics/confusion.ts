import { ProbeLensError } from '../../errors';

/** counts[g][p]: how many examples with gold label labels[g] were predicted as labels[p]. */
export interface ConfusionTable {
  labels: string[];
  counts: number[][];
}

/** The confusion table of label indices into `labels`. */
export function confusionTable(
  gold: ArrayLike<number>,
  predicted: ArrayLike<number>,
  labels: readonly string[],
): ConfusionTable {
  if (gold.length !== predicted.length) {
    const message = `Cannot tabulate ${predicted.length} predictions against ${gold.length} gold labels.`;
    throw new ProbeLensError(message, 'bad-input');
  }
  const counts = labels.map(() => new Array<number>(labels.length).fill(0));
  for (let i = 0; i < gold.length; i++) {
    const row = counts[gold[i]];
    if (!row || predicted[i] < 0 || predicted[i] >= labels.length) {
      const message = `Label index out of range at example ${i}: gold ${gold[i]}, predicted ${predicted[i]}.`;
      throw new ProbeLensError(message, 'bad-input');
    }
    row[predicted[i]]++;
  }
  return { labels: [...labels], counts };
}

/**
 * The table as aligned plain text: one row per gold label, one column per predicted label.
 *
 *   gold \ predicted    0    1
 *   0                 401   27
 *   1                  33  411
 */
export function renderConfusionTable(table: ConfusionTable): string {
  const corner = 'gold \\ predicted';
  const firstWidth = Math.max(corner.length, ...table.labels.map((label) => label.length));
  const widths = table.labels.map((label, p) =>
    Math.max(label.length, ...table.counts.map((row) => String(row[p]).length)),
  );
  const line = (first: string, cells: string[]) =>
    [first.padEnd(firstWidth), ...cells.map((cell, p) => cell.padStart(widths[p]))].join('  ').trimEnd();
  return [line(corner, table.labels), ...table.counts.map((row, g) => line(table.labels[g], row.map(String)))].join('\n');
}
