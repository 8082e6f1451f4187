import type * as ort from 'onnxruntime-node';
import { ProbeLensError } from '../../errors';
import { padBatch } from '../encode/batch';
import { TensorElemType } from '../onnx/graph';
import { readMatrixBlock } from '../onnx/tensor-data';
import { feedsFor } from '../session/tapped-session';
import type { LmHead } from './lm-head';
import type { InputFeed } from './tapped-model';

/** What the first tap of a model checked, kept in its manifest. */
export interface TapCheck {
  /** Every tap was a float32 [batch, sequence, hidden] tensor on a padded batch of two texts. */
  shapes: true;
  /**
   * product: the last tap times the LM head's weights gave `logits`; head-input: the (quantised) LM head reads
   * exactly the last tap; none: the export has no LM head.
   */
  lmHead: 'product' | 'head-input' | 'none';
  /** Largest difference found, relative to the largest |logit| (product) or |hidden value| (head-input). */
  relativeError?: number;
}

export interface VerifyGraph {
  source: string;
  /** Float32 outputs: the taps, then (when the export has an LM head) logits and the head's input. */
  taps: string[];
  logits?: string;
  headInput?: string;
  inputs: InputFeed[];
  hiddenSize: number;
  /** The activations' ONNX type: float16 and bfloat16 models are compared with a looser tolerance. */
  activationType: number;
  head?: LmHead;
  /** Where an LM head's float weights are read from. */
  model: Uint8Array;
  weightsDir: string;
}

/** Vocabulary columns of a float LM head multiplied out in JavaScript: enough to tell a wrong tap. */
const CHECKED_COLUMNS = 512;

function tolerance(activationType: number): number {
  return activationType === TensorElemType.float ? 1e-3 : 3e-2;
}

function output(results: ort.InferenceSession.OnnxValueMapType, name: string): ort.Tensor {
  return results[name] as ort.Tensor;
}

/** Largest |a[i] − b[i]| and largest |b[i]| over the real (unpadded) positions of a [rows, length, width] pair. */
function compareRows(
  a: Float32Array,
  b: Float32Array,
  lengths: readonly number[],
  padded: number,
  width: number,
  bWidth = width,
  bOffset = 0,
): { diff: number; scale: number } {
  let diff = 0;
  let scale = 0;
  lengths.forEach((length, row) => {
    for (let t = 0; t < length; t++) {
      for (let k = 0; k < width; k++) {
        const x = a[(row * padded + t) * width + k];
        const y = b[(row * padded + t) * bWidth + bOffset + k];
        diff = Math.max(diff, Math.abs(x - y));
        scale = Math.max(scale, Math.abs(y));
      }
    }
  });
  return { diff, scale };
}

function wrongLastTap(source: string, what: string, relative: number): ProbeLensError {
  return new ProbeLensError(
    `The last layer found in ${source} is not the model's final hidden state: ${what} (relative error ${relative.toExponential(2)}). ` +
      'Probe Lens will not return layers it cannot vouch for; please report this model.',
    'layers-not-found',
  );
}

/** lastTap (rows x length x hidden) times the first CHECKED_COLUMNS columns of the head's weights. */
async function headProduct(graph: VerifyGraph, lastTap: Float32Array, rows: number, columns: number): Promise<Float32Array> {
  const weight = graph.head?.weight;
  if (!weight) throw new Error('headProduct: no float weight');
  const hidden = graph.hiddenSize;
  const w = weight.transposed
    ? await readMatrixBlock(weight.init, graph.model, graph.weightsDir, [0, columns], [0, hidden])
    : await readMatrixBlock(weight.init, graph.model, graph.weightsDir, [0, hidden], [0, columns]);
  const product = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < hidden; k++) {
      const x = lastTap[r * hidden + k];
      for (let j = 0; j < columns; j++) product[r * columns + j] += x * (weight.transposed ? w[j * hidden + k] : w[k * columns + j]);
    }
  }
  return product;
}

/**
 * Runs the graph once on `sample` (token id sequences of different lengths, padded as encode pads them) and
 * checks what the taps claim: each is a float32 [rows, length, hidden] tensor, and the last one is what the LM
 * head reads, so last tap × LM head = logits. Throws a 'layers-not-found' error naming the first failure.
 */
export async function verifyTaps(session: ort.InferenceSession, graph: VerifyGraph, sample: number[][], padId: number): Promise<TapCheck> {
  const batch = padBatch(sample.map((ids) => ({ text: 0, ids, targets: new Int32Array(0) })), padId);
  const lengths = sample.map((ids) => ids.length);
  const results = await session.run(feedsFor(graph.inputs, batch));
  graph.taps.forEach((name, l) => {
    const tensor = output(results, name);
    const expected = [batch.rows, batch.length, graph.hiddenSize];
    const [rows, length, width] = tensor.dims;
    if (tensor.type === 'float32' && tensor.dims.length === 3 && rows === batch.rows && length === batch.length && width !== graph.hiddenSize) {
      throw new ProbeLensError(
        `config.json gives a hidden size of ${graph.hiddenSize}, but the layer outputs of ${graph.source} have ${width} values ` +
          'per token: config.json does not belong to this ONNX file.',
        'bad-model',
      );
    }
    if (tensor.type !== 'float32' || tensor.dims.join() !== expected.join()) {
      throw new ProbeLensError(
        `Layer ${l} of ${graph.source} (tensor ${name}) is a ${tensor.type} [${tensor.dims.join(', ')}] tensor, not float32 ` +
          `[${expected.join(', ')}] (batch, sequence, hidden): the tapped tensor is not a hidden state. Please report this model.`,
        'layers-not-found',
      );
    }
  });
  if (!graph.head) return { shapes: true, lmHead: 'none' };
  const last = output(results, graph.taps[graph.taps.length - 1]).data as Float32Array;
  const limit = tolerance(graph.activationType);
  if (!graph.head.weight) {
    // A quantised head reading the very tensor tapped last needs no numbers: it reads what we return.
    if (!graph.headInput) return { shapes: true, lmHead: 'head-input', relativeError: 0 };
    const { diff, scale } = compareRows(last, output(results, graph.headInput).data as Float32Array, lengths, batch.length, graph.hiddenSize);
    const relativeError = diff / Math.max(scale, 1e-12);
    if (!(relativeError <= 1e-6)) throw wrongLastTap(graph.source, `the LM head reads ${graph.head.input}, a different tensor`, relativeError);
    return { shapes: true, lmHead: 'head-input', relativeError };
  }
  if (!graph.logits) throw new Error('verifyTaps: a float LM head needs its logits among the outputs');
  const logits = output(results, graph.logits);
  const vocab = logits.dims[2];
  const columns = Math.min(CHECKED_COLUMNS, vocab);
  const product = await headProduct(graph, last, batch.rows * batch.length, columns);
  const { diff, scale } = compareRows(product, logits.data as Float32Array, lengths, batch.length, columns, vocab);
  const relativeError = diff / Math.max(scale, 1e-12);
  if (!(relativeError <= limit)) {
    throw wrongLastTap(graph.source, `the last tap times the LM head (${graph.head.weight?.init.name}) does not give logits`, relativeError);
  }
  return { shapes: true, lmHead: 'product', relativeError };
}
