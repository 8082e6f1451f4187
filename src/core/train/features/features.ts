/**
 * Frozen encoder features of a dataset, as the heads train on them. One example is a sentence; its rows are
 * its tokens (sentiment: the last layer only, or every layer for a layer sweep) or its words (ner: every
 * layer, each word's first subword).
 */
export type FeatureKind = 'sentence-tokens' | 'word-layers';

/**
 * What to extract: texts for sentiment, word lists for ner (joined by single spaces, as the encoder sees them).
 * Sentence tokens keep the last layer unless `layers` is 'all' (z_0 … z_L, for a layer sweep).
 */
export type FeatureSource =
  | { kind: 'sentence-tokens'; texts: readonly string[]; layers?: 'last' | 'all' }
  | { kind: 'word-layers'; sentences: readonly (readonly string[])[] };

export interface FeatureRows {
  /** One [rows x hiddenSize] matrix per kept layer; the examples' rows one after another. */
  layers: Float32Array[];
  /** examples.length + 1 entries: example i is rows offsets[i] .. offsets[i + 1] − 1. */
  offsets: Int32Array;
}

export interface FeatureSet {
  readonly kind: FeatureKind;
  /** Examples (sentences). */
  readonly count: number;
  readonly hiddenSize: number;
  /** Layers kept per row: 1 for sentence-tokens (the last layer) unless every layer was asked for, L + 1 for word-layers (z_0 first). */
  readonly numLayers: number;
  /** Rows (tokens or words) of each example. */
  readonly rowCounts: Int32Array;
  /** True when every feature is held in memory; false when minibatches are read from the cache file. */
  readonly inMemory: boolean;
  /** Copies the rows of these examples, in the order given, of the given layers (default: all, in order). */
  read(examples: ArrayLike<number>, layers?: readonly number[]): FeatureRows;
  /** Releases the cache file handle (a no-op in memory). */
  close(): void;
}
