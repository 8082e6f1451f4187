import { Tensor } from '../../heads/autograd';
import type { HeadBatch } from '../../heads/head';
import { Standardizer, StandardizerFitter } from '../../heads/standardizer';
import type { FeatureRows, FeatureSet } from './features';

/** Bytes of standardised float32 rows kept in memory by default; layers beyond it are standardised per read. */
const DEFAULT_MEMORY_BUDGET = 512 * 1024 ** 2;

/** Examples read at a time when fitting or packing, so a disk-backed feature set is never loaded whole. */
const CHUNK = 512;

/** A set of examples of a feature set (all of them when `examples` is absent). */
export interface ExampleSet {
  features: FeatureSet;
  examples?: Int32Array;
}

/**
 * The inputs every head of one training run shares, prepared once rather than per head, epoch or step: the
 * per-layer standardisation fitted on the training examples, and the rows of the training and dev examples
 * decoded to float32 and standardised, one packed matrix per layer (while they fit in the memory budget).
 * Values are exactly those of reading and standardising each minibatch, so training results do not change.
 */
export class PreparedInputs {
  private readonly means = new Map<number, Float32Array>();
  private readonly scales = new Map<number, Float32Array>();
  private readonly trainRows: PackedRows;
  private readonly devRows: PackedRows;
  private bytesLeft: number;

  constructor(
    readonly train: ExampleSet,
    readonly dev: ExampleSet,
    memoryBudgetBytes = DEFAULT_MEMORY_BUDGET,
  ) {
    if (dev.features.hiddenSize !== train.features.hiddenSize || dev.features.numLayers !== train.features.numLayers) {
      throw new Error('train and dev features differ in shape');
    }
    this.bytesLeft = memoryBudgetBytes;
    this.trainRows = new PackedRows(train);
    this.devRows = new PackedRows(dev);
  }

  get trainExamples(): Int32Array {
    return this.trainRows.examples;
  }

  get devExamples(): Int32Array {
    return this.devRows.examples;
  }

  /** Standardisation of the given layers fitted on the training examples (other layers left as they are). */
  standardizer(layers: readonly number[]): Standardizer {
    const { features } = this.train;
    const result = Standardizer.identity(features.numLayers, features.hiddenSize);
    for (const l of layers) {
      this.fit(l);
      result.mean[l] = this.means.get(l)!;
      result.scale[l] = this.scales.get(l)!;
    }
    return result;
  }

  /**
   * Standardised rows of these training examples (a subset of trainExamples), in the order given. With
   * `into`, layer k is written to its k-th [rows x d] block (layer-major), reused instead of allocated.
   */
  readTrain(examples: ArrayLike<number>, layers: readonly number[], into?: Float32Array): FeatureRows {
    return this.read(this.trainRows, examples, layers, into);
  }

  /** Standardised rows of these dev examples (a subset of devExamples), as readTrain reads them. */
  readDev(examples: ArrayLike<number>, layers: readonly number[], into?: Float32Array): FeatureRows {
    return this.read(this.devRows, examples, layers, into);
  }

  /** Layer `layer` of every training example, standardised, when it fits in the memory budget. */
  packedTrain(layer: number): PackedLayer | undefined {
    return this.packed(this.trainRows, layer);
  }

  /** Layer `layer` of every dev example, standardised, when it fits in the memory budget. */
  packedDev(layer: number): PackedLayer | undefined {
    return this.packed(this.devRows, layer);
  }

  private packed(source: PackedRows, layer: number): PackedLayer | undefined {
    this.tryPack(source, layer);
    return source.layer(layer);
  }

  /** Fits layer l, and packs it for `source` unless the memory budget is spent or the features are on disk. */
  private tryPack(source: PackedRows, l: number): void {
    this.fit(l);
    if (source.has(l)) return;
    const bytes = source.rowCount * this.train.features.hiddenSize * 4;
    if (bytes <= this.bytesLeft && source.set.features.inMemory) {
      this.bytesLeft -= bytes;
      source.pack(l, this.means.get(l)!, this.scales.get(l)!);
    }
  }

  private read(source: PackedRows, examples: ArrayLike<number>, layers: readonly number[], into?: Float32Array): FeatureRows {
    for (const l of layers) this.tryPack(source, l);
    const offsets = source.offsetsOf(examples);
    const size = offsets[examples.length] * this.train.features.hiddenSize;
    if (into && into.length < layers.length * size) throw new Error(`readInto: ${into.length} floats for ${layers.length * size}`);
    const target = (k: number) => (into ? into.subarray(k * size, (k + 1) * size) : new Float32Array(size));
    const unpacked = layers.filter((l) => !source.has(l));
    const read = unpacked.length > 0 ? source.set.features.read(examples, unpacked) : undefined;
    const out = layers.map((l, k) => {
      const u = unpacked.indexOf(l);
      if (u < 0) return source.gather(l, examples, offsets, target(k));
      const rows = into ? target(k) : read!.layers[u];
      if (into) rows.set(read!.layers[u]);
      standardize(rows, this.means.get(l)!, this.scales.get(l)!);
      return rows;
    });
    return { layers: out, offsets };
  }

  /** Fits layer l's mean and scale on the training rows, once. */
  private fit(l: number): void {
    if (this.means.has(l)) return;
    const { features } = this.train;
    const examples = this.trainRows.examples;
    const fitter = new StandardizerFitter(1, features.hiddenSize);
    for (let start = 0; start < examples.length; start += CHUNK) {
      fitter.add(features.read(examples.subarray(start, start + CHUNK), [l]).layers);
    }
    const fitted = fitter.fit();
    this.means.set(l, fitted.mean[0]);
    this.scales.set(l, fitted.scale[0]);
  }
}

/** A head's batch over rows already standardised. */
export function batchOf(rows: FeatureRows, hiddenSize: number): HeadBatch {
  const count = rows.offsets[rows.offsets.length - 1];
  return { layers: rows.layers.map((data) => new Tensor(data, count, hiddenSize)), offsets: rows.offsets };
}

/** (x − mean) · scale in place, as Standardizer.apply computes it. */
function standardize(rows: Float32Array, mean: Float32Array, scale: Float32Array): void {
  const d = mean.length;
  for (let o = 0; o < rows.length; o += d) {
    for (let j = 0; j < d; j++) rows[o + j] = (rows[o + j] - mean[j]) * scale[j];
  }
}

/**
 * One layer's standardised rows of an example set, held in memory: example e's rows start at row start[e]
 * (−1 when e is not in the set). Shared by every reader, so read only.
 */
export interface PackedLayer {
  rows: Float32Array;
  start: Int32Array;
}

/** The standardised rows of one example set, packed per layer in example order. */
class PackedRows {
  readonly examples: Int32Array;
  readonly rowCount: number;
  /** Where each example's rows start in the packed matrices, by example index (−1: not in the set). */
  private readonly start: Int32Array;
  private readonly layers = new Map<number, Float32Array>();

  constructor(readonly set: ExampleSet) {
    const { features } = set;
    this.examples = set.examples ?? Int32Array.from({ length: features.count }, (_, i) => i);
    this.start = new Int32Array(features.count).fill(-1);
    let rows = 0;
    for (const e of this.examples) {
      this.start[e] = rows;
      rows += features.rowCounts[e];
    }
    this.rowCount = rows;
  }

  has(layer: number): boolean {
    return this.layers.has(layer);
  }

  layer(layer: number): PackedLayer | undefined {
    const rows = this.layers.get(layer);
    return rows && { rows, start: this.start };
  }

  pack(layer: number, mean: Float32Array, scale: Float32Array): void {
    const d = this.set.features.hiddenSize;
    const packed = new Float32Array(this.rowCount * d);
    for (let s = 0; s < this.examples.length; s += CHUNK) {
      const part = this.examples.subarray(s, s + CHUNK);
      const rows = this.set.features.read(part, [layer]).layers[0];
      standardize(rows, mean, scale);
      packed.set(rows, this.start[part[0]] * d);
    }
    this.layers.set(layer, packed);
  }

  offsetsOf(examples: ArrayLike<number>): Int32Array {
    const { rowCounts } = this.set.features;
    const offsets = new Int32Array(examples.length + 1);
    for (let i = 0; i < examples.length; i++) offsets[i + 1] = offsets[i] + rowCounts[this.checked(examples[i])];
    return offsets;
  }

  gather(layer: number, examples: ArrayLike<number>, offsets: Int32Array, out: Float32Array): Float32Array {
    const d = this.set.features.hiddenSize;
    const packed = this.layers.get(layer)!;
    for (let i = 0; i < examples.length; i++) {
      const from = this.start[this.checked(examples[i])] * d;
      out.set(packed.subarray(from, from + (offsets[i + 1] - offsets[i]) * d), offsets[i] * d);
    }
    return out;
  }

  private checked(example: number): number {
    if (!(this.start[example] >= 0)) throw new Error(`example ${example} is not in this set`);
    return example;
  }
}
