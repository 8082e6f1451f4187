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
    return this.session.run(feedsFor(this.session.inputNames, rows, padId));
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** Feeds for the inputs BERT- and GPT-2-style exports declare, built with plain loops. */
export function feedsFor(inputNames: readonly string[], rows: readonly (readonly number[])[], padId: number): Record<string, ort.Tensor> {
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
    inputNames.map((name) => {
      const data = byName[name];
      if (!data) throw new Error(`the raw reference cannot feed input ${name}`);
      return [name, new ort.Tensor('int64', data, dims)];
    }),
  );
}
