import * as ort from 'onnxruntime-node';
import { createSession } from '../../encoders/session/create-session';
import type { OnnxRuntime } from '../../encoders/session/session-options';
import type { Head } from '../head';
import { buildTrainingGraphs, type TrainingGraphs, TrainingInput } from './training-graph';

/**
 * One batch of a head's standardised inputs: `input` is [rows x d] row-major, or [layers x rows x d] for a
 * strategy that reads every layer; `offsets` delimits the sentences (pooling heads pool within them).
 */
export interface GraphBatch {
  input: Float32Array;
  rows: number;
  offsets: Int32Array;
  /** The gold label of each logits row (sentence or word); absent when only predicting. */
  labels?: Int32Array;
}

/**
 * A head's training step and forward run by onnxruntime (training-graph.ts). The parameters are fed straight
 * from the head's own arrays and onnxruntime writes the gradients straight into the parameters' gradient
 * arrays, so the optimiser in JavaScript sees them where the eager tape would have left them.
 */
export class TrainingSession {
  private readonly gradientFetches: Record<string, ort.Tensor>;

  private constructor(
    private readonly head: Head,
    private readonly graphs: TrainingGraphs,
    private readonly stepSession: ort.InferenceSession,
    private readonly evaluateSession: ort.InferenceSession,
  ) {
    this.gradientFetches = {};
    head.parameters.forEach((p, i) => {
      if (!(p.grad instanceof Float32Array)) throw new Error(`parameter ${p.name} is not float32`);
      const { gradient, dims } = graphs.parameters[i];
      this.gradientFetches[gradient] = new ort.Tensor('float32', p.grad, dims);
    });
  }

  /** Builds the head's graphs and their sessions; onnxruntime's refusal is thrown as it is. */
  static async create(head: Head, runtime: OnnxRuntime): Promise<TrainingSession> {
    const graphs = buildTrainingGraphs(head);
    const what = `the ${head.strategy.name} head's training graph`;
    const step = await createSession(graphs.step, runtime, what);
    try {
      return new TrainingSession(head, graphs, step, await createSession(graphs.evaluate, runtime, what));
    } catch (error) {
      await step.release();
      throw error;
    }
  }

  /** Sets every parameter's gradient to that of the batch's mean loss, and returns the loss. */
  async gradients(batch: GraphBatch): Promise<number> {
    if (!batch.labels) throw new Error('a training batch needs labels');
    const feeds = this.feeds(batch);
    feeds[TrainingInput.labels] = new ort.Tensor('int64', BigInt64Array.from(batch.labels, (l) => BigInt(l)), [batch.labels.length]);
    const outputs = await this.stepSession.run(feeds, { loss: null, ...this.gradientFetches });
    return (outputs.loss.data as Float32Array)[0];
  }

  /** The argmax label of each logits row. */
  async predict(batch: GraphBatch): Promise<Int32Array> {
    const outputs = await this.evaluateSession.run(this.feeds(batch));
    return Int32Array.from(outputs.predictions.data as BigInt64Array, (v) => Number(v));
  }

  async release(): Promise<void> {
    await Promise.all([this.stepSession.release(), this.evaluateSession.release()]);
  }

  private feeds(batch: GraphBatch): Record<string, ort.Tensor> {
    const { hiddenSize: d, numLayers } = this.head.shape;
    const dims = this.head.strategy.reads === 'all' ? [numLayers, batch.rows, d] : [batch.rows, d];
    const feeds: Record<string, ort.Tensor> = { [TrainingInput.input]: new ort.Tensor('float32', batch.input, dims) };
    this.head.parameters.forEach((p, i) => {
      const { input, dims: parameterDims } = this.graphs.parameters[i];
      feeds[input] = new ort.Tensor('float32', p.data as Float32Array, parameterDims);
    });
    if (this.graphs.segments) Object.assign(feeds, segmentFeeds(batch.offsets));
    return feeds;
  }
}

/** The segment inputs of sentences delimited by `offsets`. */
function segmentFeeds(offsets: Int32Array): Record<string, ort.Tensor> {
  const sentences = offsets.length - 1;
  const rows = offsets[sentences];
  const membership = new Float32Array(sentences * rows);
  const first = new BigInt64Array(sentences);
  const last = new BigInt64Array(sentences);
  for (let b = 0; b < sentences; b++) {
    membership.fill(1, b * rows + offsets[b], b * rows + offsets[b + 1]);
    first[b] = BigInt(offsets[b]);
    last[b] = BigInt(offsets[b + 1] - 1);
  }
  return {
    [TrainingInput.membership]: new ort.Tensor('float32', membership, [sentences, rows]),
    [TrainingInput.first]: new ort.Tensor('int64', first, [sentences]),
    [TrainingInput.last]: new ort.Tensor('int64', last, [sentences]),
  };
}
