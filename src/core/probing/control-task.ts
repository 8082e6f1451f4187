import { Random } from '../random';

/**
 * Hewitt & Liang's control task: every key (a word type for NER, a sentence for sentiment) gets one label,
 * drawn once at random from the distribution of the real training labels, and keeps it wherever it occurs, in
 * train and dev alike. A probe can score on dev only by memorising keys it saw, so the gap between the real
 * task and its control (selectivity) says how much the probe reads from the representation rather than
 * learning the task itself. `keys` holds each split's rows in order; the labels come back the same way.
 */
export function controlLabels(keys: readonly (readonly string[])[], trainLabels: Int32Array, classes: number, seed: number): Int32Array[] {
  const counts = new Float64Array(classes);
  for (const label of trainLabels) counts[label]++;
  const cumulative = new Float64Array(classes);
  let total = 0;
  counts.forEach((count, j) => (cumulative[j] = total += count));
  const random = new Random(seed ^ 0x5bd1e995);
  const assigned = new Map<string, number>();
  const draw = () => {
    const u = random.next() * total;
    let j = 0;
    while (j < classes - 1 && cumulative[j] <= u) j++;
    return j;
  };
  return keys.map((rows) =>
    Int32Array.from(rows, (key) => {
      let label = assigned.get(key);
      if (label === undefined) assigned.set(key, (label = draw()));
      return label;
    }),
  );
}
