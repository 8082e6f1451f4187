/**
 * Decoder LLMs in both export layouts: the Optimum-style tiny Llama against its PyTorch reference (through the
 * CLI, as a user runs it), and onnxruntime-genai's fused float16 export, whose last tap times its LM head must
 * give the graph's own logits.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { countLeadingSpecials, planText } from '../../../src/core/encoders/encode/sequences';
import { loadEncoder } from '../../../src/core/encoders/load-encoder';
import { readOnnxGraph } from '../../../src/core/encoders/onnx/graph';
import { concat } from '../../../src/core/encoders/onnx/wire';
import { resolveRuntime } from '../../../src/core/encoders/session/session-options';
import { openGraphSession } from '../../../src/core/encoders/session/tapped-session';
import { buildTappedModel } from '../../../src/core/encoders/taps/tapped-model';
import { verifyTaps } from '../../../src/core/encoders/taps/verify-taps';
import type { Encoder } from '../../../src/core/encoders/types';
import { ProbeLensError } from '../../../src/core/errors';
import { halvesToFloats } from '../../../src/core/train/features/float16';
import { TINY_LLAMA, TINY_LLAMA_GENAI } from '../../shared-path';
import { cli } from '../cli/run-cli';
import { maxAbsDiff, readReference, tempDir } from './helpers';

const cacheDir = tempDir();

describe('tiny-random-llama (Optimum layout, grouped-query attention, empty past)', () => {
  const reference = readReference(TINY_LLAMA);

  test('`probe-lens layers --json --full` matches the reference within 1e-4 at every layer', async () => {
    for (const item of reference.items) {
      const run = await cli(['layers', '--model', TINY_LLAMA, '--json', '--full', '--cache-dir', cacheDir, item.text]);
      assert.equal(run.code, 0, run.stderr);
      const json = JSON.parse(run.stdout) as { family: string; tokens: { text: string }[]; hidden_states: number[][][] };
      assert.equal(json.family, 'llama');
      assert.deepEqual(json.tokens.map((t) => t.text), item.tokens);
      assert.equal(json.hidden_states.length, item.hidden_states.length);
      json.hidden_states.forEach((layer, l) => {
        const diff = maxAbsDiff(Float32Array.from(layer.flat()), item.hidden_states[l]);
        assert.ok(diff <= 1e-4, `${JSON.stringify(item.text)} layer ${l}: max error ${diff}`);
      });
    }
  });

  test('--dtype lists every dtype; a dtype the model lacks is refused with the ones it offers', async () => {
    const unknown = await cli(['layers', '--model', TINY_LLAMA, '--dtype', 'int3', '--cache-dir', cacheDir, 'hi']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--dtype takes one of fp32, fp16, q8, int8, uint8, q4, q4f16, bnb4, not "int3"/);
    const absent = await cli(['layers', '--model', TINY_LLAMA, '--dtype', 'q4', '--cache-dir', cacheDir, 'hi']);
    assert.equal(absent.code, 1);
    assert.match(absent.stderr, /No q4 ONNX file in .*tiny-random-llama: looked for onnx\/model_q4\.onnx\. The model offers fp32/);
  });

  describe('as an encoder', () => {
    let encoder: Encoder;
    before(async () => {
      encoder = await loadEncoder(TINY_LLAMA, { cacheDir, threads: 1 });
    });
    after(() => encoder.dispose());

    test('ids are transformers.js’ (the reference’s), and right-padded batches equal single texts', async () => {
      const texts = reference.items.map((item) => item.text);
      const batched = await encoder.encode(texts, { batchSize: texts.length });
      for (const [i, item] of reference.items.entries()) {
        assert.deepEqual(batched[i].tokens.map((t) => t.id), item.input_ids);
        const [alone] = await encoder.encode([item.text]);
        alone.layers.forEach((layer, l) => {
          const diff = Math.max(...layer.map((v, k) => Math.abs(v - batched[i].layers[l][k])));
          assert.ok(diff <= 1e-5, `${item.text} layer ${l}: ${diff}`);
        });
      }
    });

    test('long inputs use the model’s own context (2,048 tokens here): no 512-token windows below it', () => {
      const text = 'Ada Lovelace wrote the first program in London. '.repeat(120);
      const tokens = encoder.tokenizer.tokenize(text).length;
      assert.ok(tokens > 1000 && tokens < 2000, `${tokens} tokens`);
      assert.equal(encoder.tokenizer.maxLength, 2048);
      const lead = countLeadingSpecials(encoder.tokenizer);
      assert.equal(planText(text, 0, encoder.tokenizer, lead, true).sequences.length, 1);
      assert.ok(planText(text.repeat(2), 0, encoder.tokenizer, lead, true).sequences.length > 1, 'windows past the limit');
    });

    test('its identity says what it is: a llama of 4 blocks, 64 wide', () => {
      assert.deepEqual(
        { family: encoder.identity.family, layers: encoder.identity.layers, hiddenSize: encoder.identity.hiddenSize, dtype: encoder.identity.dtype },
        { family: 'llama', layers: 4, hiddenSize: 64, dtype: 'fp32' },
      );
    });
  });

  test('the first-tap check refuses a last layer that is not what the LM head reads', async () => {
    const source = path.join(TINY_LLAMA, 'onnx', 'model.onnx');
    const bytes = readFileSync(source);
    const spec = { family: 'llama', layers: 4, hiddenSize: 64, cache: { kvHeads: 2, headDim: 16 } } as const;
    const built = buildTappedModel(bytes, spec, source, true);
    const session = await openGraphSession(concat(built.chunks), path.dirname(source), source, resolveRuntime({ threads: 1 }));
    const graph = { ...built, source, hiddenSize: 64, model: bytes, weightsDir: path.dirname(source) };
    try {
      const good = await verifyTaps(session, graph, [[1, 450, 4996, 17354], [1, 450]], 0);
      assert.equal(good.lmHead, 'product');
      // Claim the last block's output (before the final norm) is the last hidden state.
      const wrong = { ...graph, taps: [...built.taps.slice(0, 4), built.taps[3]] };
      await assert.rejects(verifyTaps(session, wrong, [[1, 450, 4996, 17354], [1, 450]], 0), (error: unknown) => {
        assert.ok(error instanceof ProbeLensError && error.code === 'layers-not-found', String(error));
        assert.match(error.message, /not the model's final hidden state: the last tap times the LM head/);
        return true;
      });
    } finally {
      await session.release();
    }
  });
});

describe('tiny-random-llama-genai-fp16 (onnxruntime-genai: fused norms, MultiHeadAttention, float16, external data)', () => {
  let encoder: Encoder;
  before(async () => {
    encoder = await loadEncoder(TINY_LLAMA_GENAI, { cacheDir, threads: 1 });
  });
  after(() => encoder.dispose());

  test('reads its dtype from the graph and returns float32 layers', async () => {
    assert.equal(encoder.identity.dtype, 'fp16');
    const [states] = await encoder.encode(['The quick brown fox']);
    assert.equal(states.numLayers, 3);
    for (const layer of states.layers) assert.ok(layer instanceof Float32Array && layer.every(Number.isFinite));
  });

  test('the last tap times the LM head gives the graph’s logits, within float16 tolerance', async () => {
    const text = 'Ada Lovelace wrote the first program in London.';
    const [states] = await encoder.encode([text]);
    const ids = states.tokens.map((t) => BigInt(t.id));
    const n = ids.length;
    const stock = await ort.InferenceSession.create(path.join(TINY_LLAMA_GENAI, 'model.onnx'));
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids), [1, n]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
      position_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map((_, i) => BigInt(i))), [1, n]),
    };
    for (const layer of [0, 1]) {
      for (const kv of ['key', 'value']) feeds[`past_key_values.${layer}.${kv}`] = new ort.Tensor('float16', new Uint16Array(0), [1, 1, 0, 16]);
    }
    const logits = (await stock.run(feeds)).logits;
    await stock.release();
    const halves = logits.data as Uint16Array;
    const expected = new Float32Array(halves.length);
    halvesToFloats(halves, expected);

    // The LM head's weights [16, 32000], float16, read from the external-data file where the graph says they are.
    const head = readOnnxGraph(readFileSync(path.join(TINY_LLAMA_GENAI, 'model.onnx'))).initializers.find((i) => i.name === 'lm_head.MatMul.weight');
    assert.ok(head?.data.kind === 'external' && head.data.location === 'model.onnx.data');
    const [hidden, vocab] = head.dims;
    const raw = readFileSync(path.join(TINY_LLAMA_GENAI, head.data.location)).subarray(head.data.offset, head.data.offset + head.data.length);
    const weights = new Float32Array(hidden * vocab);
    halvesToFloats(new Uint16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length)), weights);

    const last = states.layers[states.numLayers - 1];
    let worst = 0;
    let scale = 0;
    for (let t = 0; t < n; t++) {
      for (let v = 0; v < vocab; v++) {
        let sum = 0;
        for (let k = 0; k < hidden; k++) sum += last[t * hidden + k] * weights[k * vocab + v];
        worst = Math.max(worst, Math.abs(sum - expected[t * vocab + v]));
        scale = Math.max(scale, Math.abs(expected[t * vocab + v]));
      }
    }
    // float16 logits carry 11 significant bits: a relative error of 2^-11 per value, a few times that summed.
    assert.ok(worst <= 4 * 2 ** -11 * scale + 1e-3, `max error ${worst} for logits up to ${scale}`);
  });
});
