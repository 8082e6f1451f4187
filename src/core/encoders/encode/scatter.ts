import type { Sequence } from './sequences';

/**
 * A sequence's targets as runs: (first row of the text's result, first position in the sequence, count).
 * Consecutive tokens map to consecutive positions, so a window is usually one run: one copy per layer.
 */
export function targetRuns(targets: Int32Array): Int32Array {
  const runs: number[] = [];
  for (let k = 0; k < targets.length; k += 2) {
    const last = runs.length - 3;
    if (last >= 0 && runs[last] + runs[last + 2] === targets[k] && runs[last + 1] + runs[last + 2] === targets[k + 1]) {
      runs[last + 2]++;
    } else {
      runs.push(targets[k], targets[k + 1], 1);
    }
  }
  return Int32Array.from(runs);
}

/**
 * True when the sequence alone supplies every row of its text, in order, at the same positions: the
 * runtime can then write the text's result directly (rows x length x hidden with one row is the result).
 */
export function suppliesWholeText(sequence: Sequence, tokenCount: number): boolean {
  const { ids, targets } = sequence;
  if (ids.length !== tokenCount || targets.length !== 2 * tokenCount) return false;
  // Checked pair by pair, without building runs: this runs for every sequence of every batch.
  for (let k = 0; k < tokenCount; k++) {
    if (targets[2 * k] !== k || targets[2 * k + 1] !== k) return false;
  }
  return true;
}

/**
 * Copies the vectors one batch row supplies into its text's result layers: `source[l]` is the batch's
 * [rows x length x hidden] output of layer l (empty when not fetched), `rowStart` the row's first position
 * (row x length).
 */
export function scatterRow(
  runs: Int32Array,
  source: readonly Float32Array[],
  rowStart: number,
  destination: readonly Float32Array[],
  hidden: number,
): void {
  for (let r = 0; r < runs.length; r += 3) {
    const to = runs[r] * hidden;
    const from = (rowStart + runs[r + 1]) * hidden;
    const size = runs[r + 2] * hidden;
    source.forEach((layer, l) => {
      // Layers not asked for are empty on both sides.
      if (layer.length > 0) destination[l].set(layer.subarray(from, from + size), to);
    });
  }
}
