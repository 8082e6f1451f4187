import type { OnnxRuntime } from './session/session-options';
import { ProbeLensError, throwIfCancelled } from '../errors';
import { groupIntoBatches, padBatch } from './encode/batch';
import { allocateLayers, EMPTY_LAYER, LayerBuffers, rowViews } from './encode/layer-arrays';
import { scatterRow, suppliesWholeText, targetRuns } from './encode/scatter';
import { countLeadingSpecials, planText } from './encode/sequences';
import type { TappedSession } from './session/tapped-session';
import type { EncodeOptions, Encoder, EncoderIdentity, HiddenStates, Tokenizer } from './types';

/**
 * Sequences per forward pass when the caller does not say, and the padded tokens a batch may hold.
 * `npm run bench -- --only throughput` (1,000 SST-2 sentences, CPU time, paired rounds) found 16 sequences 5-12%
 * faster than 8 and 32 no faster than 16. The token budget keeps a batch of full 512-token windows of a
 * 13-layer, 768-wide model to 8 windows (160 MB of hidden states) while short sentences still go 16 at a time.
 */
export const DEFAULT_BATCH_SIZE = 16;
export const DEFAULT_BATCH_TOKENS = 4096;

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
    readonly runtime: OnnxRuntime,
  ) {
    this.leadingSpecials = countLeadingSpecials(tokenizer);
  }

  async encode(texts: string[], options: EncodeOptions = {}): Promise<HiddenStates[]> {
    checkTexts(texts);
    throwIfCancelled(options.signal);
    const causal = this.identity.family === 'gpt2';
    const planned = texts.map((text, i) => planText(text, i, this.tokenizer, this.leadingSpecials, causal));
    const wanted = this.wantedLayers(options.layers);
    const { hiddenSize, layers } = this.identity;
    const results: HiddenStates[] = planned.map((plan, i) => ({
      text: texts[i],
      tokens: plan.tokens,
      numLayers: layers + 1,
      hiddenSize,
      layers: Array.from({ length: layers + 1 }, () => EMPTY_LAYER),
    }));
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
    const batches = groupIntoBatches(
      planned.flatMap((p) => p.sequences),
      batchSize,
      DEFAULT_BATCH_TOKENS,
    );
    const total = batches.reduce((n, b) => n + b.length, 0);
    const scratch = new LayerBuffers(layers + 1, wanted);
    const stitched = new Set<number>();
    let done = 0;
    for (const batch of batches) {
      throwIfCancelled(options.signal);
      const padded = padBatch(batch, this.tokenizer.padId);
      const size = padded.rows * padded.length * hiddenSize;
      if (batch.every((sequence) => suppliesWholeText(sequence, results[sequence.text].tokens.length))) {
        // Every row is a whole text (sentences, compare, hover): its states are views of the batch's output.
        const outputs = await this.session.run(padded, allocateLayers(layers + 1, wanted, size), wanted);
        batch.forEach((sequence, row) => {
          results[sequence.text].layers = rowViews(outputs, row * padded.length, sequence.ids.length, hiddenSize);
        });
      } else {
        // Windows of long texts (and whatever shares their batch) are copied into each text's own arrays.
        const outputs = await this.session.run(padded, scratch.views(size), wanted);
        batch.forEach((sequence, row) => {
          const result = results[sequence.text];
          if (!stitched.has(sequence.text)) {
            result.layers = allocateLayers(layers + 1, wanted, result.tokens.length * hiddenSize);
            stitched.add(sequence.text);
          }
          scatterRow(targetRuns(sequence.targets), outputs, row * padded.length, result.layers, hiddenSize);
        });
      }
      done += batch.length;
      options.onProgress?.(done, total);
    }
    return results;
  }

  /** The layer indices asked for, checked and in order (all when none are given). */
  private wantedLayers(asked: readonly number[] | undefined): number[] {
    const count = this.identity.layers + 1;
    if (!asked) return Array.from({ length: count }, (_, l) => l);
    const bad = asked.find((l) => !Number.isInteger(l) || l < 0 || l >= count);
    if (bad !== undefined) throw new RangeError(`encode: layer ${bad} is not one of 0..${count - 1}`);
    return [...new Set(asked)].sort((a, b) => a - b);
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
  }
}
