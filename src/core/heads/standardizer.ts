import type { Floats } from './autograd';

/**
 * Per-layer, per-feature standardisation of a head's inputs: x' = (x − mean) · scale, fitted on the
 * training features and saved with the probe. Hidden states mix features of very different scales (GPT-2 has
 * a few huge dimensions); unit-scale inputs let one learning rate and one weight decay suit every feature.
 */
export class Standardizer {
  constructor(
    /** mean[l] and scale[l] have hiddenSize values for input layer l. */
    readonly mean: Float32Array[],
    readonly scale: Float32Array[],
  ) {}

  /** Leaves `layers` layers of `hiddenSize` features unchanged. */
  static identity(layers: number, hiddenSize: number): Standardizer {
    return new Standardizer(
      Array.from({ length: layers }, () => new Float32Array(hiddenSize)),
      Array.from({ length: layers }, () => new Float32Array(hiddenSize).fill(1)),
    );
  }

  /** Standardises rows of layer `layer` in place. */
  apply(layer: number, rows: Floats): void {
    const mean = this.mean[layer];
    const scale = this.scale[layer];
    const d = mean.length;
    for (let o = 0; o < rows.length; o += d) {
      for (let j = 0; j < d; j++) rows[o + j] = (rows[o + j] - mean[j]) * scale[j];
    }
  }
}

/** Accumulates per-feature sums (in float64) over the training rows of each layer. */
export class StandardizerFitter {
  private readonly sums: Float64Array[];
  private readonly squares: Float64Array[];
  private count = 0;

  constructor(
    layers: number,
    private readonly hiddenSize: number,
  ) {
    this.sums = Array.from({ length: layers }, () => new Float64Array(hiddenSize));
    this.squares = Array.from({ length: layers }, () => new Float64Array(hiddenSize));
  }

  /** Adds the same rows of every layer (layers[l] is [rows x hiddenSize]). */
  add(layers: readonly Float32Array[]): void {
    const d = this.hiddenSize;
    layers.forEach((rows, l) => {
      const sum = this.sums[l];
      const square = this.squares[l];
      for (let o = 0; o < rows.length; o += d) {
        for (let j = 0; j < d; j++) {
          const v = rows[o + j];
          sum[j] += v;
          square[j] += v * v;
        }
      }
    });
    this.count += layers[0].length / d;
  }

  fit(): Standardizer {
    if (this.count === 0) throw new Error('StandardizerFitter: no rows');
    const means: Float32Array[] = [];
    const scales: Float32Array[] = [];
    for (let l = 0; l < this.sums.length; l++) {
      const mean = new Float32Array(this.hiddenSize);
      const scale = new Float32Array(this.hiddenSize);
      for (let j = 0; j < this.hiddenSize; j++) {
        const m = this.sums[l][j] / this.count;
        const variance = Math.max(0, this.squares[l][j] / this.count - m * m);
        const std = Math.sqrt(variance);
        mean[j] = m;
        // A feature that never varies carries nothing; scaling it up would only amplify noise at inference.
        scale[j] = std > 1e-6 * (Math.abs(m) + 1) ? 1 / std : 1;
      }
      means.push(mean);
      scales.push(scale);
    }
    return new Standardizer(means, scales);
  }
}
