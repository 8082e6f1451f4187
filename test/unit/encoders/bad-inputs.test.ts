import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadEncoder } from '../../../src/core/encoders/load-encoder';
import type { Encoder } from '../../../src/core/encoders/types';
import { ProbeLensError, type ErrorCode } from '../../../src/core/errors';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { tempDir } from './helpers';

const cacheDir = tempDir();
const work = tempDir();

/** A model folder in a temp dir: config.json (as given) plus links to a shared model's tokenizer files. */
function modelFolder(name: string, tokenizerFrom: string, config: object): string {
  const folder = path.join(work, name);
  mkdirSync(path.join(folder, 'onnx'), { recursive: true });
  writeFileSync(path.join(folder, 'config.json'), JSON.stringify(config));
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    symlinkSync(path.join(tokenizerFrom, file), path.join(folder, file));
  }
  return folder;
}

const configOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as object;

function rejectsWith(promise: Promise<unknown>, code: ErrorCode, pattern: RegExp) {
  return assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ProbeLensError, `not a ProbeLensError: ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('models that cannot be used', () => {
  test('a missing folder', () =>
    rejectsWith(loadEncoder(path.join(work, 'nowhere'), { cacheDir }), 'model-not-found', /does not exist/));

  test('a folder without config.json', () => {
    const folder = path.join(work, 'empty');
    mkdirSync(folder);
    return rejectsWith(loadEncoder(folder, { cacheDir }), 'model-not-found', /No config\.json in .*empty/);
  });

  test('a folder without the ONNX file', () =>
    rejectsWith(
      loadEncoder(modelFolder('no-onnx', TINY_BERT, configOf(TINY_BERT)), { cacheDir }),
      'model-not-found',
      /No fp32 ONNX file .* looked for onnx\/model\.onnx/,
    ));

  test('a truncated .onnx', () => {
    const folder = modelFolder('truncated', TINY_BERT, configOf(TINY_BERT));
    const bytes = readFileSync(path.join(TINY_BERT, 'onnx', 'model.onnx'));
    writeFileSync(path.join(folder, 'onnx', 'model.onnx'), bytes.subarray(0, bytes.length >> 1));
    return rejectsWith(loadEncoder(folder, { cacheDir }), 'bad-model', /not a complete ONNX model.*truncated/);
  });

  test('a config.json of an unsupported family', () =>
    rejectsWith(
      loadEncoder(modelFolder('t5', TINY_BERT, { ...configOf(TINY_BERT), model_type: 't5' }), { cacheDir }),
      'unsupported-family',
      /model_type "t5".*can tap bert, distilbert, roberta, xlm-roberta, electra, deberta-v2, modernbert, gpt2, llama, mistral, qwen2, qwen3, phi3, gemma, gemma2, gemma3_text models/,
    ));

  test('decoder_model_merged.onnx given directly, or the only decoder in a folder', async () => {
    const folder = modelFolder('merged', TINY_GPT2, configOf(TINY_GPT2));
    const merged = path.join(folder, 'onnx', 'decoder_model_merged.onnx');
    copyFileSync(path.join(TINY_GPT2, 'onnx', 'decoder_model_quantized.onnx'), merged);
    await rejectsWith(loadEncoder(merged, { cacheDir }), 'bad-model', /merged decoder .* cannot be tapped/);
    await rejectsWith(loadEncoder(folder, { cacheDir }), 'model-not-found', /decoder_model_merged\.onnx is there/);
  });

  test('a graph whose layers cannot be found names what it searched and found', () => {
    // A BERT graph under a GPT-2 config: the GPT-2 tap search finds only the graph output.
    const folder = modelFolder('mismatched', TINY_GPT2, configOf(TINY_GPT2));
    symlinkSync(path.join(TINY_BERT, 'onnx', 'model.onnx'), path.join(folder, 'onnx', 'model.onnx'));
    return rejectsWith(
      loadEncoder(folder, { cacheDir }),
      'layers-not-found',
      /found 1 of 7 taps:[\s\S]*embeddings: not found[\s\S]*wte[\s\S]*h\.N/,
    );
  });

  test('a decoder config over a graph without its layers names the patterns searched', () => {
    const llama = { model_type: 'llama', hidden_size: 128, num_hidden_layers: 6, num_attention_heads: 4, max_position_embeddings: 512 };
    const folder = modelFolder('llama-over-bert', TINY_GPT2, llama);
    symlinkSync(path.join(TINY_BERT, 'onnx', 'model.onnx'), path.join(folder, 'onnx', 'model.onnx'));
    return rejectsWith(
      loadEncoder(folder, { cacheDir }),
      'layers-not-found',
      /model_type "llama"\): found 1 of 7 taps:[\s\S]*Searched node and tensor names for:[\s\S]*residual input of block 0[\s\S]*…\/layers\.N[\s\S]*…\/norm/,
    );
  });

  test('a dtype that contradicts the file given', () =>
    rejectsWith(
      loadEncoder(path.join(TINY_BERT, 'onnx', 'model.onnx'), { cacheDir, dtype: 'q8' }),
      'bad-input',
      /fp32 model, but dtype q8/,
    ));
});

describe('texts', () => {
  let encoders: Encoder[];
  before(async () => {
    encoders = [await loadEncoder(TINY_BERT, { cacheDir }), await loadEncoder(TINY_GPT2, { cacheDir })];
  });
  after(() => Promise.all(encoders.map((e) => e.dispose())));

  test('empty and whitespace-only texts are refused, naming which text', async () => {
    for (const encoder of encoders) {
      await rejectsWith(encoder.encode(['']), 'bad-input', /The text is empty or only whitespace/);
      await rejectsWith(encoder.encode([' \t\r\n\u00a0\u3000']), 'bad-input', /empty or only whitespace/);
      await rejectsWith(encoder.encode(['fine', '  ']), 'bad-input', /Text 2 of 2 is empty/);
    }
  });

  test('NUL bytes and lone surrogates are encoded, with spans inside the text', async () => {
    for (const encoder of encoders) {
      for (const text of ['a\u0000b\u0000', '\ud800 lone \udfff surrogates \ud83d', 'x\u0000\ud800']) {
        const [states] = await encoder.encode([text]);
        assert.ok(states.tokens.length > 0);
        for (const token of states.tokens) assert.ok(token.start >= 0 && token.end <= text.length);
        for (const layer of states.layers) {
          assert.equal(layer.length, states.tokens.length * states.hiddenSize);
          assert.ok(layer.every(Number.isFinite));
        }
      }
    }
  });

  test('progress is reported per batch, and cancelling stops before the next batch', async () => {
    const texts = ['one', 'two', 'three', 'four', 'five'];
    const seen: [number, number][] = [];
    await encoders[0].encode(texts, { batchSize: 2, onProgress: (done, total) => seen.push([done, total]) });
    assert.deepEqual(seen, [
      [2, 5],
      [4, 5],
      [5, 5],
    ]);

    const controller = new AbortController();
    let batches = 0;
    const cancelled = encoders[0].encode(texts, {
      batchSize: 2,
      signal: controller.signal,
      onProgress: () => {
        batches++;
        controller.abort();
      },
    });
    await rejectsWith(cancelled, 'cancelled', /Cancelled/);
    assert.equal(batches, 1);
  });
});
