import { Random } from '../random';
import type { ProbeKernel } from './probe-kernel';
import { type LabelledRows, SoftmaxRegression } from './softmax-regression';

/** Voita & Titov (2020)'s block boundaries, as fractions of the training examples. */
export const MDL_PORTIONS: readonly number[] = [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.0625, 0.125, 0.25, 0.5, 1];

export interface OnlineCode {
  /** The online code length of the training labels given the representation, in kbits (1,000 bits). */
  kbits: number;
  /** The uniform code's length: rows × log2(classes), in kbits. */
  uniformKbits: number;
  /** uniformKbits / kbits: how many times shorter than the uniform code (higher: the labels are easier to extract). */
  compression: number;
  /** Blocks transmitted (the first with the uniform code). */
  blocks: number;
}

export interface OnlineCodeOptions {
  classes: number;
  kernel: ProbeKernel;
  /** The regularisation of every block's probe (the one chosen on dev for the whole set). */
  C: number;
  gradientTolerance: number;
  maxIterations: number;
  /**
   * Where each block's probe starts (by block): the parameters there, when given (else the previous block's
   * fit); each fit is left in their place, for a neighbouring problem (the next layer) to start from.
   */
  starts?: Float64Array[];
  /** Orders the examples before they are cut into blocks. */
  seed: number;
  signal?: AbortSignal;
}

/**
 * MDL probing with the online code (Voita & Titov 2020): the examples, in a seeded order, are cut at
 * MDL_PORTIONS; the first block's labels are sent with the uniform code, and each later block's with a probe
 * fitted on every example before it: −Σ log2 p(label | row). Examples stay whole (a sentence's words go in the
 * same block); `offsets` delimits each example's rows (default: one row each). Each block's probe starts from
 * the previous one's weights and curvature, or from `starts` (any start gives a valid code: the fits converge;
 * near ones make them short).
 */
export async function onlineCodeLength(data: LabelledRows, offsets: Int32Array, options: OnlineCodeOptions): Promise<OnlineCode> {
  const examples = offsets.length - 1;
  const order = new Random(options.seed ^ 0x27d4eb2f).shuffle(Array.from({ length: examples }, (_, i) => i));
  const d = data.cols;
  const x = new Float32Array(data.rows * d);
  const labels = new Int32Array(data.rows);
  // Rows in block order, so every block's training set is a prefix.
  const rowEnd = new Int32Array(examples + 1);
  let r = 0;
  order.forEach((e, i) => {
    x.set(data.x.subarray(offsets[e] * d, offsets[e + 1] * d), r * d);
    labels.set(data.labels.subarray(offsets[e], offsets[e + 1]), r);
    r += offsets[e + 1] - offsets[e];
    rowEnd[i + 1] = r;
  });
  const cuts = [...new Set(MDL_PORTIONS.map((p) => Math.min(examples, Math.max(1, Math.round(p * examples)))))];
  const bitsPerLabel = Math.log2(options.classes);
  let bits = rowEnd[cuts[0]] * bitsPerLabel;
  const model = new SoftmaxRegression(d, options.classes, options.kernel);
  for (let b = 0; b + 1 < cuts.length; b++) {
    const seen = rowEnd[cuts[b]];
    const upto = rowEnd[cuts[b + 1]];
    const start = options.starts?.[b];
    if (start?.length === model.parameters.length) model.parameters.set(start);
    await model.fit({ x: x.subarray(0, seen * d), rows: seen, cols: d, labels: labels.subarray(0, seen) }, options);
    if (options.starts) options.starts[b] = Float64Array.from(model.parameters);
    const logProbabilities = await model.logProbabilities(x.subarray(seen * d, upto * d), upto - seen);
    for (let i = seen; i < upto; i++) bits -= logProbabilities[(i - seen) * options.classes + labels[i]] / Math.LN2;
  }
  const uniformKbits = (data.rows * bitsPerLabel) / 1000;
  const kbits = bits / 1000;
  return { kbits, uniformKbits, compression: uniformKbits / kbits, blocks: cuts.length };
}
