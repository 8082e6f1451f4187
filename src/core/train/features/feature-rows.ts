import type { HiddenStates } from '../../encoders/types';

/**
 * Writes the chosen token rows of the chosen layers into `out` at `offset`, layer-major
 * ([layer][row][hidden]), the layout of one example in the feature cache.
 */
export function copyRows(states: HiddenStates, layers: readonly number[], rows: Int32Array | null, out: Float32Array, offset: number): number {
  const d = states.hiddenSize;
  let o = offset;
  for (const l of layers) {
    const source = states.layers[l];
    if (rows) {
      for (let r = 0; r < rows.length; r++) {
        out.set(source.subarray(rows[r] * d, (rows[r] + 1) * d), o);
        o += d;
      }
    } else {
      out.set(source.subarray(0, states.tokens.length * d), o);
      o += states.tokens.length * d;
    }
  }
  return o;
}
