import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { loadEncoder } from '../../../src/core/encoders/load-encoder';
import { sessionOptions } from '../../../src/core/encoders/session/session-options';
import type { Encoder, HiddenStates } from '../../../src/core/encoders/types';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { maxAbsDiff, maxAbsDiffArrays, readReference, tempDir } from './helpers';

const TOLERANCE = 1e-4;
const cacheDir = tempDir();

/** The stock (untapped) graph's own output for the given token ids. */
async function stockOutput(session: ort.InferenceSession, ids: number[]): Promise<Float32Array> {
  const dims = [1, ids.length];
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), dims),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), dims),
  };
  if (session.inputNames.includes('token_type_ids')) {
    feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(ids.length), dims);
  }
  const outputs = await session.run(feeds);
  return outputs[session.outputNames[0]].data as Float32Array;
}

for (const modelDir of [TINY_BERT, TINY_GPT2]) {
  const reference = readReference(modelDir);
  const texts = reference.items.map((item) => item.text);

  describe(`${path.basename(modelDir)} against reference/hidden_states.json`, () => {
    let fp32: Encoder;
    let q8: Encoder;
    let batched: HiddenStates[];
    before(async () => {
      fp32 = await loadEncoder(modelDir, { cacheDir, threads: 1 });
      q8 = await loadEncoder(modelDir, { cacheDir, threads: 1, dtype: 'q8' });
      batched = await fp32.encode(texts, { batchSize: texts.length });
    });
    after(async () => {
      await fp32.dispose();
      await q8.dispose();
    });

    test('identity comes from config.json and the file hash', () => {
      assert.equal(fp32.identity.layers + 1, reference.layers);
      assert.equal(fp32.identity.dtype, 'fp32');
      assert.match(fp32.identity.fingerprint, /^[0-9a-f]{64}$/);
      assert.notEqual(q8.identity.fingerprint, fp32.identity.fingerprint);
    });

    test('text -> tokenizer -> encoder: every layer of all six texts within 1e-4 (fp32, one batch)', () => {
      batched.forEach((states, i) => {
        const item = reference.items[i];
        assert.deepEqual(states.tokens.map((t) => t.id), item.input_ids, item.text);
        assert.equal(states.numLayers, reference.layers);
        states.layers.forEach((layer, l) => {
          const diff = maxAbsDiff(layer, item.hidden_states[l]);
          assert.ok(diff <= TOLERANCE, `${JSON.stringify(item.text)} layer ${l}: max error ${diff}`);
        });
      });
    });

    test('batched (padded) results equal one-text-at-a-time results', async () => {
      for (const [i, text] of texts.entries()) {
        const [alone] = await fp32.encode([text]);
        alone.layers.forEach((layer, l) => {
          const diff = maxAbsDiffArrays(layer, batched[i].layers[l]);
          assert.ok(diff <= 1e-5, `${JSON.stringify(text)} layer ${l}: batched differs by ${diff}`);
        });
      }
    });

    test('the last tap equals the stock graph output exactly (fp32 and q8)', async () => {
      for (const encoder of [fp32, q8]) {
        const file = encoder.identity.dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx';
        const stock = await ort.InferenceSession.create(path.join(modelDir, 'onnx', file), sessionOptions(1));
        try {
          for (const item of reference.items) {
            const [states] = await encoder.encode([item.text]);
            const expected = await stockOutput(stock, item.input_ids);
            assert.deepEqual(states.layers[states.numLayers - 1], expected, `${file}: ${item.text}`);
          }
        } finally {
          await stock.release();
        }
      }
    });

    test('q8 runs with the same shapes, close to fp32', async (t) => {
      const quantised = await q8.encode(texts);
      let worst = 0;
      quantised.forEach((states, i) => {
        assert.deepEqual(states.tokens, batched[i].tokens);
        assert.equal(states.layers.length, reference.layers);
        states.layers.forEach((layer, l) => {
          assert.equal(layer.length, batched[i].layers[l].length);
          assert.ok(layer.every(Number.isFinite));
          worst = Math.max(worst, maxAbsDiffArrays(layer, batched[i].layers[l]));
        });
      });
      t.diagnostic(`q8 max abs error vs fp32: ${worst.toFixed(4)}`);
      assert.ok(worst < 1, `q8 drifts ${worst} from fp32`);
    });
  });
}
