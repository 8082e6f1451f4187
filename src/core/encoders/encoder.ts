import { ProbeLensError, throwIfCancelled } from '../errors';
import { groupIntoBatches, padBatch } from './encode/batch';
import { countLeadingSpecials, planText, type PlannedText, type Sequence } from './encode/sequences';
import type { TappedSession } from './session/tapped-session';
import type { EncodeOptions, Encoder, EncoderIdentity, HiddenStates, Tokenizer } from './types';

/** Sequences per forward pass when the caller does not say. */
export const DEFAULT_BATCH_SIZE = 8;

function checkTexts(texts: string[]): void {
  texts.forEach((text, index) => {
    if (typeof text !== 'string') {
      throw new ProbeLensError(`Text ${index + 1} of ${texts.length} is not a string.`, 'bad-input');
    }
    if (text.trim() === '') {
      const which = texts.length === 1 ? 'The text' : `Text ${index + 1} of ${texts.length}`;
      throw new ProbeLensError(`${which} is empty or only whitespace: there is nothing to encode.`, 'bad-input');
    }
  });
}

/** A tapped ONNX model behind the Encoder interface: tokenize, window, batch, run, stitch. */
export class OnnxEncoder implements Encoder {
  private readonly leadingSpecials: number;

  constructor(
    readonly identity: EncoderIdentity,
    readonly tokenizer: Tokenizer,
    private readonly session: TappedSession,
  ) {
    this.leadingSpecials = countLeadingSpecials(tokenizer);
  }

  async encode(texts: string[], options: EncodeOptions = {}): Promise<HiddenStates[]> {
    checkTexts(texts);
    throwIfCancelled(options.signal);
    const causal = this.identity.family === 'gpt2';
    const planned = texts.map((text, i) => planText(text, i, this.tokenizer, this.leadingSpecials, causal));
    const results = planned.map((plan, i) => this.emptyResult(texts[i], plan));
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
    const batches = groupIntoBatches(
      planned.flatMap((p) => p.sequences),
      batchSize,
    );
    const total = batches.reduce((n, b) => n + b.length, 0);
    let done = 0;
    for (const batch of batches) {
      throwIfCancelled(options.signal);
      const padded = padBatch(batch, this.tokenizer.padId);
      const layers = await this.session.run(padded);
      batch.forEach((sequence, row) => this.scatter(sequence, row, padded.length, layers, results));
      done += batch.length;
      options.onProgress?.(done, total);
    }
    return results;
  }

  private emptyResult(text: string, plan: PlannedText): HiddenStates {
    const { layers, hiddenSize } = this.identity;
    return {
      text,
      tokens: plan.tokens,
      numLayers: layers + 1,
      hiddenSize,
      layers: Array.from({ length: layers + 1 }, () => new Float32Array(plan.tokens.length * hiddenSize)),
    };
  }

  /** Copies the vectors a sequence supplies into its text's result, for every layer. */
  private scatter(sequence: Sequence, row: number, length: number, layers: Float32Array[], results: HiddenStates[]) {
    const hidden = this.identity.hiddenSize;
    const result = results[sequence.text];
    const { targets } = sequence;
    layers.forEach((layer, l) => {
      const out = result.layers[l];
      for (let k = 0; k < targets.length; k += 2) {
        const from = (row * length + targets[k + 1]) * hidden;
        out.set(layer.subarray(from, from + hidden), targets[k] * hidden);
      }
    });
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
  }
}
