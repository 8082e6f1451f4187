import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  ENCODER_CATALOGUE,
  defaultEncoders,
  describeEncoder,
  findEncoder,
  offeredDtypes,
  parseEncoderCatalogue,
} from '../../../src/core/catalogue';
import { onnxCandidates } from '../../../src/core/encoders/model/onnx-file';

const CATALOGUE_FILE = path.resolve(__dirname, '..', '..', '..', 'models', 'catalogue.json');
const raw = () => JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')) as { encoders: Record<string, unknown>[] };

describe('models/catalogue.json', () => {
  it('lists the known encoders, each valid against EncoderEntry', () => {
    const ids = ENCODER_CATALOGUE.map((entry) => entry.id);
    for (const id of [
      'Xenova/bert-base-uncased',
      'Xenova/bert-base-cased',
      'Xenova/distilbert-base-uncased',
      'Xenova/roberta-base',
      'Xenova/gpt2',
      'Xenova/distilgpt2',
      'HuggingFaceTB/SmolLM2-135M-Instruct',
      'onnx-community/Qwen2.5-0.5B-Instruct',
      'onnx-community/Qwen3-0.6B-ONNX',
      'onnx-community/gemma-3-1b-it-ONNX',
      'Xenova/Phi-3-mini-4k-instruct',
      'Xenova/xlm-roberta-base',
      'Xenova/electra-small-discriminator',
      'answerdotai/ModernBERT-base',
      'Xenova/all-MiniLM-L6-v2',
    ]) {
      assert.ok(ids.includes(id), `${id} is missing`);
    }
    // The bundled import and the file on disk are the same data.
    assert.deepEqual(parseEncoderCatalogue(raw()), ENCODER_CATALOGUE);
  });

  it('names, for every dtype it offers, an ONNX file the encoder loader runs for that family', () => {
    for (const entry of ENCODER_CATALOGUE) {
      for (const dtype of offeredDtypes(entry)) {
        const file = entry.onnx[dtype]?.file ?? '';
        assert.ok(onnxCandidates(entry.family, dtype).includes(file), `${entry.id} ${dtype}: ${file} is not one the loader looks for`);
      }
      const { fp32, q8 } = entry.onnx;
      if (fp32 && q8) assert.ok(q8.sizeMB < fp32.sizeMB, `${entry.id}: the quantised file should be the smaller`);
    }
  });

  it('covers the decoder and encoder families beyond BERT and GPT-2', () => {
    const families = new Set(ENCODER_CATALOGUE.map((entry) => entry.family));
    for (const family of ['llama', 'qwen2', 'qwen3', 'phi3', 'gemma3_text', 'xlm-roberta', 'electra', 'modernbert'] as const) {
      assert.ok(families.has(family), `no ${family} encoder`);
    }
  });

  it('has one default BERT-family and one default GPT-family encoder', () => {
    const { bert, gpt } = defaultEncoders();
    assert.equal(bert.id, 'Xenova/bert-base-uncased');
    assert.equal(gpt.id, 'Xenova/gpt2');
    assert.equal(gpt.family, 'gpt2');
  });

  it('describes an entry in one line', () => {
    const entry = findEncoder('Xenova/distilgpt2');
    assert.ok(entry);
    assert.equal(
      describeEncoder(entry, 'fp32'),
      'Xenova/distilgpt2: GPT-2, 6 layers, hidden 768, cased; fp32 onnx/decoder_model.onnx (329 MB download); also q8',
    );
    assert.match(describeEncoder(entry), /; q8 onnx\/decoder_model_quantized\.onnx \(83\.5 MB download\); also fp32$/);
    const smol = findEncoder('HuggingFaceTB/SmolLM2-135M-Instruct');
    assert.ok(smol);
    assert.match(describeEncoder(smol), /^HuggingFaceTB\/SmolLM2-135M-Instruct: Llama, 30 layers, hidden 576, cased; q8 onnx\/model_quantized\.onnx .*; also fp32, fp16, int8, uint8, q4, q4f16, bnb4$/);
    assert.equal(findEncoder('xenova/gpt2'), undefined);
  });

  it('rejects entries that do not match the types, naming the entry and the field', () => {
    const mutations: Array<[string, (entry: Record<string, unknown>) => void, RegExp]> = [
      ['unknown family', (e) => (e.family = 't5'), /family "t5" is not one of/],
      ['missing id', (e) => delete e.id, /id must be a non-empty string/],
      ['fractional layers', (e) => (e.layers = 12.5), /layers must be a positive whole number/],
      ['string hidden size', (e) => (e.hiddenSize = '768'), /hiddenSize must be a positive whole number/],
      ['a default dtype it does not offer', (e) => (e.defaultDtype = 'fp16'), /defaultDtype "fp16" is not one of the dtypes its onnx lists \(fp32, q8\)/],
      ['an unknown dtype', (e) => ((e.onnx as Record<string, unknown>).int3 = { file: 'onnx/model_int3.onnx', sizeMB: 1 }), /onnx\.int3: "int3" is not one of fp32, fp16, q8/],
      ['misspelt key', (e) => (e.defualtFor = 'gpt-family'), /unknown field defualtFor/],
      ['cased as text', (e) => (e.cased = 'yes'), /cased must be true or false/],
      ['a dtype without its file', (e) => ((e.onnx as Record<string, unknown>).q8 = 'onnx/model_quantized.onnx'), /onnx\.q8: must be an object/],
      ['weights path', (e) => ((e.onnx as Record<string, Record<string, unknown>>).fp32.file = 'model.bin'), /is not an onnx\/<name>\.onnx path/],
    ];
    for (const [what, mutate, message] of mutations) {
      const json = raw();
      mutate(json.encoders[1]);
      assert.throws(() => parseEncoderCatalogue(json), (error: Error) => {
        assert.match(error.message, /^models\/catalogue\.json: encoders\[1\]/, what);
        assert.match(error.message, message, what);
        return true;
      });
    }
  });

  it('rejects duplicate ids and a missing default', () => {
    const duplicated = raw();
    duplicated.encoders.push({ ...duplicated.encoders[2] });
    assert.throws(() => parseEncoderCatalogue(duplicated), /Xenova\/distilbert-base-uncased is listed twice/);
    const noDefault = raw();
    delete noDefault.encoders[0].defaultFor;
    assert.throws(() => parseEncoderCatalogue(noDefault), /0 encoders are the default for bert-family/);
  });
});
