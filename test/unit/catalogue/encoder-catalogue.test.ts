import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  ENCODER_CATALOGUE,
  defaultEncoders,
  describeEncoder,
  findEncoder,
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
    ]) {
      assert.ok(ids.includes(id), `${id} is missing`);
    }
    // The bundled import and the file on disk are the same data.
    assert.deepEqual(parseEncoderCatalogue(raw()), ENCODER_CATALOGUE);
  });

  it('names, for every dtype, an ONNX file the encoder loader runs for that family', () => {
    for (const entry of ENCODER_CATALOGUE) {
      for (const dtype of ['fp32', 'q8'] as const) {
        assert.ok(
          onnxCandidates(entry.family, dtype).includes(entry.onnx[dtype].file),
          `${entry.id} ${dtype}: ${entry.onnx[dtype].file} is not one the loader looks for`,
        );
      }
      assert.ok(entry.onnx.q8.sizeMB < entry.onnx.fp32.sizeMB, `${entry.id}: the quantised file should be the smaller`);
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
      'Xenova/distilgpt2: GPT-2, 6 layers, hidden 768, cased; fp32 onnx/decoder_model.onnx (329 MB download)',
    );
    assert.match(describeEncoder(entry), /; q8 onnx\/decoder_model_quantized\.onnx \(83\.5 MB download\)$/);
    assert.equal(findEncoder('xenova/gpt2'), undefined);
  });

  it('rejects entries that do not match the types, naming the entry and the field', () => {
    const mutations: Array<[string, (entry: Record<string, unknown>) => void, RegExp]> = [
      ['unknown family', (e) => (e.family = 'llama'), /family "llama" is not one of/],
      ['missing id', (e) => delete e.id, /id must be a non-empty string/],
      ['fractional layers', (e) => (e.layers = 12.5), /layers must be a positive whole number/],
      ['string hidden size', (e) => (e.hiddenSize = '768'), /hiddenSize must be a positive whole number/],
      ['bad dtype', (e) => (e.defaultDtype = 'fp16'), /defaultDtype "fp16" is not one of fp32, q8/],
      ['misspelt key', (e) => (e.defualtFor = 'gpt-family'), /unknown field defualtFor/],
      ['cased as text', (e) => (e.cased = 'yes'), /cased must be true or false/],
      ['missing q8 file', (e) => delete (e.onnx as Record<string, unknown>).q8, /onnx\.q8: must be an object/],
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
