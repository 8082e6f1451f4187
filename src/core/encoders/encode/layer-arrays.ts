/** The array of a layer that was not asked for. */
export const EMPTY_LAYER = new Float32Array(0);

/**
 * One array of `size` floats for each wanted layer, indexed by layer (EMPTY_LAYER for the others), all views
 * into a single allocation: typed-array allocations, not their size, dominate when there are many small ones.
 */
export function allocateLayers(layerCount: number, wanted: readonly number[], size: number): Float32Array[] {
  const storage = new Float32Array(wanted.length * size);
  const layers = Array.from({ length: layerCount }, () => EMPTY_LAYER);
  wanted.forEach((l, i) => (layers[l] = storage.subarray(i * size, (i + 1) * size)));
  return layers;
}

/** Rows [first, first + count) of every layer of a batch output, as views (no copy). */
export function rowViews(layers: readonly Float32Array[], first: number, count: number, hidden: number): Float32Array[] {
  return layers.map((layer) => (layer.length === 0 ? layer : layer.subarray(first * hidden, (first + count) * hidden)));
}

/**
 * Scratch arrays the runtime writes a batch's layers into when rows must be copied elsewhere, reused from
 * batch to batch of one encode call (batches come longest first, so they rarely grow).
 */
export class LayerBuffers {
  private layers: Float32Array[] = [];
  private capacity = 0;

  constructor(
    private readonly layerCount: number,
    private readonly wanted: readonly number[],
  ) {}

  /** A view of exactly `size` floats per wanted layer, indexed by layer; valid until the next call. */
  views(size: number): Float32Array[] {
    if (this.capacity < size) {
      this.layers = allocateLayers(this.layerCount, this.wanted, size);
      this.capacity = size;
    }
    return this.layers.map((layer) => (layer.length === 0 ? layer : layer.subarray(0, size)));
  }
}
