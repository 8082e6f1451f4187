import type { FeatureKind, FeatureRows, FeatureSet } from '../../../src/core/train/features/features';

/**
 * An in-memory FeatureSet for tests. data[i] holds example i layer by layer: numLayers blocks of
 * rowCounts[i] rows of hiddenSize values.
 */
export function memoryFeatures(kind: FeatureKind, hiddenSize: number, numLayers: number, rowCounts: Int32Array, data: readonly Float32Array[]): FeatureSet {
  return {
    kind,
    count: rowCounts.length,
    hiddenSize,
    numLayers,
    rowCounts,
    inMemory: true,
    read(examples, wanted = Array.from({ length: numLayers }, (_, l) => l)): FeatureRows {
      const offsets = new Int32Array(examples.length + 1);
      for (let i = 0; i < examples.length; i++) offsets[i + 1] = offsets[i] + rowCounts[examples[i]];
      const layers = wanted.map(() => new Float32Array(offsets[examples.length] * hiddenSize));
      for (let i = 0; i < examples.length; i++) {
        const block = rowCounts[examples[i]] * hiddenSize;
        wanted.forEach((l, k) => layers[k].set(data[examples[i]].subarray(l * block, (l + 1) * block), offsets[i] * hiddenSize));
      }
      return { layers, offsets };
    },
    close: () => undefined,
  };
}
