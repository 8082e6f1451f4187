import * as ort from 'onnxruntime-node';
import { ProbeLensError } from '../../errors';
import type { TapManifest } from '../taps/tap-cache';
import type { KnownInput } from '../taps/tapped-model';
import { sessionOptions } from './session-options';

/** Right-padded token ids of one forward pass, row-major [rows x length]. */
export interface PaddedBatch {
  rows: number;
  length: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
}

function feedFor(input: KnownInput, batch: PaddedBatch): ort.Tensor {
  const dims = [batch.rows, batch.length];
  switch (input) {
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

/** An onnxruntime session over a tapped graph: one run returns every layer's hidden states. */
export class TappedSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly manifest: TapManifest,
  ) {}

  static async create(modelPath: string, manifest: TapManifest, threads?: number): Promise<TappedSession> {
    try {
      return new TappedSession(await ort.InferenceSession.create(modelPath, sessionOptions(threads)), manifest);
    } catch (error) {
      throw new ProbeLensError(
        `onnxruntime cannot load ${manifest.source} (rewritten as ${modelPath}): ${(error as Error).message}`,
        'bad-model',
      );
    }
  }

  /** hidden_states[0..L] of the batch, each a row-major [rows x length x hidden] matrix. */
  async run(batch: PaddedBatch): Promise<Float32Array[]> {
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of this.manifest.inputs) feeds[input] = feedFor(input, batch);
    const outputs = await this.session.run(feeds, this.manifest.taps);
    return this.manifest.taps.map((name) => this.checked(name, outputs[name], batch));
  }

  /** A tap that is not a float [rows, length, hidden] tensor means the wrong tensor was tapped. */
  private checked(name: string, tensor: ort.Tensor | undefined, batch: PaddedBatch): Float32Array {
    const expected = [batch.rows, batch.length, this.manifest.hiddenSize];
    const dims = tensor ? [...tensor.dims] : [];
    if (!tensor || tensor.type !== 'float32' || dims.join() !== expected.join()) {
      const got = tensor ? `${tensor.type} [${dims.join(', ')}]` : 'missing';
      throw new ProbeLensError(
        `The layer output ${name} of ${this.manifest.source} is ${got}, expected float32 ` +
          `[${expected.join(', ')}]: the tapped tensor is not a hidden state. Please report this model.`,
        'layers-not-found',
      );
    }
    return tensor.data as Float32Array;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
