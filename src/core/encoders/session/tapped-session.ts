import * as ort from 'onnxruntime-node';
import { ProbeLensError } from '../../errors';
import { TensorElemType } from '../onnx/graph';
import type { InputFeed } from '../taps/tapped-model';
import { createSession } from './create-session';
import type { OnnxRuntime } from './session-options';

/** Right-padded token ids of one forward pass, row-major [rows x length]. */
export interface PaddedBatch {
  rows: number;
  length: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
}

/** What a session needs to know of its graph: where its weights are, how to feed it, which outputs are layers. */
export interface SessionGraph {
  /** The source model, for messages. */
  source: string;
  /** The folder the graph's external-data locations are relative to (the source model's). */
  weightsDir: string;
  taps: string[];
  hiddenSize: number;
  inputs: InputFeed[];
}

const EMPTY_BY_TYPE: Record<number, () => ort.Tensor['data']> = {
  [TensorElemType.float]: () => new Float32Array(0),
  [TensorElemType.float16]: () => new Uint16Array(0),
};

function feedFor(input: InputFeed, batch: PaddedBatch): ort.Tensor {
  const dims = [batch.rows, batch.length];
  switch (input.kind) {
    case 'empty-past': {
      const empty = EMPTY_BY_TYPE[input.elemType];
      if (!empty) throw new ProbeLensError(`${input.name} is of ONNX type ${input.elemType}, which Probe Lens cannot feed.`, 'bad-model');
      const type = input.elemType === TensorElemType.float16 ? 'float16' : 'float32';
      return new ort.Tensor(type, empty(), [batch.rows, input.kvHeads, 0, input.headDim]);
    }
    case 'logits-to-keep':
      return new ort.Tensor('int64', BigInt64Array.from([0n]), []);
    case 'tokens':
      break;
  }
  switch (input.name) {
    case 'input_ids':
      return new ort.Tensor('int64', batch.inputIds, dims);
    case 'attention_mask':
      return new ort.Tensor('int64', batch.attentionMask, dims);
    case 'token_type_ids':
      // One segment: every token is sentence A.
      return new ort.Tensor('int64', new BigInt64Array(batch.rows * batch.length), dims);
    case 'position_ids': {
      // Right padding: real tokens sit at 0..n-1 in every row; the pads' positions do not matter.
      const positions = new BigInt64Array(batch.rows * batch.length);
      for (let i = 0; i < positions.length; i++) positions[i] = BigInt(i % batch.length);
      return new ort.Tensor('int64', positions, dims);
    }
  }
}

export function feedsFor(inputs: readonly InputFeed[], batch: PaddedBatch): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of inputs) feeds[input.name] = feedFor(input, batch);
  return feeds;
}

/**
 * A session over a tapped graph's bytes, its weights read from the source model's folder; a graph onnxruntime
 * cannot load is a bad-model error naming the source (`hint` says what may help).
 */
export async function openGraphSession(graph: Uint8Array, weightsDir: string, source: string, runtime: OnnxRuntime, hint = ''): Promise<ort.InferenceSession> {
  try {
    return await createSession(graph, runtime, source, weightsDir);
  } catch (error) {
    if (error instanceof ProbeLensError) throw error;
    throw new ProbeLensError(`onnxruntime cannot load ${source}: ${(error as Error).message.trim()}${hint}`, 'bad-model');
  }
}

const EMPTY = new Float32Array(0);

/** An onnxruntime session over a tapped graph: one run returns every layer's hidden states. */
export class TappedSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly graph: SessionGraph,
  ) {}

  static async create(bytes: Uint8Array, graph: SessionGraph, runtime: OnnxRuntime): Promise<TappedSession> {
    return new TappedSession(await openGraphSession(bytes, graph.weightsDir, graph.source, runtime), graph);
  }

  /**
   * hidden_states[0..L] of the batch, each a row-major [rows x length x hidden] matrix; only `layers` (default
   * all) are fetched, the others are returned empty. onnxruntime writes them straight into `into` when given
   * (into[l] exactly rows x length x hidden long for each fetched l: a text's result, or reused scratch), else
   * into fresh arrays.
   */
  async run(batch: PaddedBatch, into?: readonly Float32Array[], layers?: readonly number[]): Promise<Float32Array[]> {
    const { taps, hiddenSize } = this.graph;
    const size = batch.rows * batch.length * hiddenSize;
    const fetched = layers ?? taps.map((_, l) => l);
    const outputs: Float32Array[] = taps.map(() => EMPTY);
    for (const l of fetched) {
      const output = into ? into[l] : new Float32Array(size);
      if (!(l >= 0 && l < taps.length) || output?.length !== size) {
        throw new Error(`TappedSession.run: layer ${l} needs an output array of ${size} floats (layers 0..${taps.length - 1})`);
      }
      outputs[l] = output;
    }
    const dims = [batch.rows, batch.length, hiddenSize];
    const fetches: Record<string, ort.Tensor> = {};
    for (const l of fetched) fetches[taps[l]] = new ort.Tensor('float32', outputs[l], dims);
    try {
      await this.session.run(feedsFor(this.graph.inputs, batch), fetches);
    } catch (error) {
      throw this.explained(error as Error, dims);
    }
    return outputs;
  }

  /**
   * The runtime checks each tap against its pre-allocated [rows, length, hidden] float array; a mismatch
   * means the wrong tensor was tapped.
   */
  private explained(error: Error, expected: number[]): Error {
    const mismatch = /invalid dimensions for output|Unexpected output data type/i.exec(error.message);
    if (!mismatch) return error;
    return new ProbeLensError(
      `A layer output of ${this.graph.source} is not a float32 [${expected.join(', ')}] tensor ` +
        `(${error.message.trim()}): the tapped tensor is not a hidden state. Please report this model.`,
      'layers-not-found',
    );
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
