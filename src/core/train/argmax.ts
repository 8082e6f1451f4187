/** Index (0..count-1) of the largest of values[start .. start+count): the first one on ties, as predictions need. */
export function argmaxAt(values: ArrayLike<number>, start: number, count: number): number {
  let best = 0;
  for (let j = 1; j < count; j++) if (values[start + j] > values[start + best]) best = j;
  return best;
}
