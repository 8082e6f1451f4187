import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { loadEncoder } from '../../../src/core/encoders/load-encoder';
import { resolveModel } from '../../../src/core/encoders/model/resolve';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { maxAbsDiffArrays, tempDir } from './helpers';

const cacheDir = tempDir();

/** A copy of the shared GPT-2 folder (as links) holding only the given ONNX files. */
function gpt2With(onnxFiles: string[]): string {
  const folder = path.join(tempDir(), 'tiny-gpt2');
  mkdirSync(path.join(folder, 'onnx'), { recursive: true });
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    symlinkSync(path.join(TINY_GPT2, file), path.join(folder, file));
  }
  for (const file of onnxFiles) symlinkSync(path.join(TINY_GPT2, 'onnx', file), path.join(folder, 'onnx', file));
  return folder;
}

describe('which ONNX file is run', () => {
  test('encoders: model.onnx for fp32, model_quantized.onnx for q8', async () => {
    assert.equal(path.basename((await resolveModel(TINY_BERT)).onnxPath), 'model.onnx');
    assert.equal(path.basename((await resolveModel(TINY_BERT, { dtype: 'q8' })).onnxPath), 'model_quantized.onnx');
  });

  test('GPT-2: the decoder first, where the export has it; else the base model', async () => {
    const q8 = await resolveModel(TINY_GPT2, { dtype: 'q8' });
    assert.equal(path.basename(q8.onnxPath), 'decoder_model_quantized.onnx');
    assert.equal(path.basename((await resolveModel(TINY_GPT2)).onnxPath), 'model.onnx');
  });

  test('GPT-2: the decoder gives the same hidden states as the base model', async () => {
    const decoder = await loadEncoder(gpt2With(['decoder_model_quantized.onnx']), { cacheDir, dtype: 'q8' });
    const base = await loadEncoder(gpt2With(['model_quantized.onnx']), { cacheDir, dtype: 'q8' });
    try {
      const text = 'The decoder export carries an LM head after ln_f.';
      const [fromDecoder] = await decoder.encode([text]);
      const [fromBase] = await base.encode([text]);
      assert.notEqual(decoder.identity.fingerprint, base.identity.fingerprint);
      fromDecoder.layers.forEach((layer, l) => {
        const diff = maxAbsDiffArrays(layer, fromBase.layers[l]);
        assert.ok(diff <= 1e-5, `layer ${l}: decoder differs from the base model by ${diff}`);
      });
    } finally {
      await decoder.dispose();
      await base.dispose();
    }
  });
});
