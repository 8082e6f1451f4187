import * as ort from 'onnxruntime-node';
import { createSession } from '../../encoders/session/create-session';
import type { OnnxRuntime } from '../../encoders/session/session-options';
import type { HiddenStates } from '../../encoders/types';
import type { Probe } from '../probe/store';
import type { HeadOutput, Matrix } from '../strategy/definition';
import { type HeadsGraph, HeadsInput } from './heads-graph';

/** What one head of the graph computed on one text. */
export interface HeadValues {
  probe: Probe;
  output: HeadOutput<Matrix>;
}

/**
 * Every layer as one [layers x tokens x hidden] array. The encoder returns a text's layers as consecutive
 * views of one allocation, which is fed as it is; anything else is copied once.
 */
export function stackedLayers(states: HiddenStates): Float32Array {
  const size = states.tokens.length * states.hiddenSize;
  const first = states.layers[0];
  const contiguous = states.layers.every(
    (layer, l) => layer.buffer === first.buffer && layer.length === size && layer.byteOffset === first.byteOffset + l * size * 4,
  );
  if (contiguous) return new Float32Array(first.buffer, first.byteOffset, states.numLayers * size);
  const stack = new Float32Array(states.numLayers * size);
  states.layers.forEach((layer, l) => stack.set(layer.subarray(0, size), l * size));
  return stack;
}

/** An onnxruntime session over a heads graph (heads-graph.ts), with the product's session settings and the encoder's threads. */
export class HeadsSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly graph: HeadsGraph,
  ) {}

  static async create(graph: HeadsGraph, runtime: OnnxRuntime): Promise<HeadsSession> {
    return new HeadsSession(await createSession(graph.model, runtime, "the probes' heads"), graph);
  }

  /**
   * Runs every head of the graph on `states`; fusion heads read `wordRows` (at least one row: a text
   * without words still gets a row, whose result the caller ignores).
   */
  async run(states: HiddenStates, wordRows: Int32Array): Promise<HeadValues[]> {
    const tokens = states.tokens.length;
    const d = states.hiddenSize;
    const feeds: Record<string, ort.Tensor> = {
      [HeadsInput.top]: new ort.Tensor('float32', states.layers[states.numLayers - 1].subarray(0, tokens * d), [tokens, d]),
    };
    if (this.graph.readsLayers) {
      feeds[HeadsInput.layers] = new ort.Tensor('float32', stackedLayers(states), [states.numLayers, tokens, d]);
    }
    const words = wordRows.length > 0 ? wordRows : Int32Array.of(0);
    if (this.graph.readsWords) {
      feeds[HeadsInput.wordRows] = new ort.Tensor('int64', BigInt64Array.from(words, (r) => BigInt(r)), [words.length]);
    }
    const outputs = await this.session.run(feeds);
    const matrix = (name: string): Matrix => {
      const { data, dims } = outputs[name];
      return { data: data as Float32Array, rows: dims[0], cols: dims[1] };
    };
    return this.graph.heads.map(({ probe, outputs: names }) => {
      const output: HeadOutput<Matrix> = { logits: matrix(names.logits) };
      if (names.tokenWeights) output.tokenWeights = matrix(names.tokenWeights);
      if (names.layerWeights) output.layerWeights = matrix(names.layerWeights);
      if (names.scale) output.scale = matrix(names.scale);
      return { probe, output };
    });
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
