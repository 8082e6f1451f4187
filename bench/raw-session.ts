import * as ort from 'onnxruntime-node';

/**
 * The reference the issue measures against: the stock (untapped) export in a plain onnxruntime-node session,
 * fed right-padded token ids, returning only its own output (last_hidden_state).
 */
export class RawSession {
  private constructor(private readonly session: ort.InferenceSession) {}

  static async create(onnxPath: string, options: ort.InferenceSession.SessionOptions): Promise<RawSession> {
    return new RawSession(await ort.InferenceSession.create(onnxPath, options));
  }

  /** One forward pass over these rows of token ids (right-padded with padId to the longest). */
  async run(rows: readonly (readonly number[])[], padId: number): Promise<ort.InferenceSession.OnnxValueMapType> {
    return this.session.run(feedsFor(this.session.inputMetadata, rows, padId));
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** An empty key/value cache input of a decoder export (past length 0), shaped by its declared dimensions. */
function emptyPast(input: ort.InferenceSession.ValueMetadata, rows: number): ort.Tensor | undefined {
  if (!input.isTensor || !input.name.startsWith('past_key_values.')) return undefined;
  const dims = input.shape.map((dim, i) => (i === 0 ? rows : typeof dim === 'number' ? dim : 0));
  return input.type === 'float16' ? new ort.Tensor('float16', new Uint16Array(0), dims) : new ort.Tensor('float32', new Float32Array(0), dims);
}

/**
 * Feeds for the inputs BERT-, GPT-2- and decoder-style (Llama: position ids and an empty key/value cache)
 * exports declare, built with plain loops.
 */
export function feedsFor(inputs: readonly ort.InferenceSession.ValueMetadata[], rows: readonly (readonly number[])[], padId: number): Record<string, ort.Tensor> {
  const length = Math.max(...rows.map((r) => r.length));
  const size = rows.length * length;
  const ids = new BigInt64Array(size).fill(BigInt(padId));
  const mask = new BigInt64Array(size);
  const positions = new BigInt64Array(size);
  rows.forEach((row, r) => {
    for (let t = 0; t < length; t++) {
      positions[r * length + t] = BigInt(t);
      if (t < row.length) {
        ids[r * length + t] = BigInt(row[t]);
        mask[r * length + t] = 1n;
      }
    }
  });
  const byName: Record<string, BigInt64Array> = {
    input_ids: ids,
    attention_mask: mask,
    token_type_ids: new BigInt64Array(size),
    position_ids: positions,
  };
  const dims = [rows.length, length];
  return Object.fromEntries(
    inputs.map((input) => {
      const data = byName[input.name];
      const tensor = data ? new ort.Tensor('int64', data, dims) : emptyPast(input, rows.length);
      if (!tensor) throw new Error(`the raw reference cannot feed input ${input.name}`);
      return [input.name, tensor];
    }),
  );
}
