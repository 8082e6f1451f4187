import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadEncoder } from '../../../src/core/encoders/load-encoder';
import type { Encoder } from '../../../src/core/encoders/types';
import { TINY_GPT2 } from '../../shared-path';
import { maxAbsDiffArrays, tempDir } from './helpers';

const TEXTS = ['A short one.', 'A somewhat longer sentence, with a comma and more words in it.', 'Third.'];

describe('encoding only some layers', () => {
  let encoder: Encoder;
  before(async () => {
    encoder = await loadEncoder(TINY_GPT2, { cacheDir: tempDir(), threads: 1 });
  });
  after(() => encoder.dispose());

  for (const batchSize of [1, 8]) {
    test(`the layers asked for equal a full encode, the others are empty (batch size ${batchSize})`, async () => {
      const top = encoder.identity.layers;
      const full = await encoder.encode(TEXTS, { batchSize });
      const some = await encoder.encode(TEXTS, { batchSize, layers: [top, 0] });
      some.forEach((states, t) => {
        assert.equal(states.layers.length, top + 1);
        states.layers.forEach((layer, l) => {
          if (l === 0 || l === top) assert.deepEqual(layer, full[t].layers[l], `text ${t} layer ${l}`);
          else assert.equal(layer.length, 0, `text ${t} layer ${l} should be empty`);
        });
      });
    });
  }

  test('texts batched together (whole, or windows of a long one) equal each text encoded alone', async () => {
    // About 900 tokens: two windows, batched with the short texts, so both ways of storing rows run.
    const long = Array.from({ length: 150 }, (_, i) => `Sentence ${i} talks about the film and its actors.`).join(' ');
    const texts = [...TEXTS, long];
    const batched = await encoder.encode(texts, { batchSize: 8 });
    for (const [t, text] of texts.entries()) {
      const [alone] = await encoder.encode([text], { batchSize: 1 });
      assert.equal(batched[t].tokens.length, alone.tokens.length);
      alone.layers.forEach((layer, l) => assert.ok(maxAbsDiffArrays(batched[t].layers[l], layer) < 1e-4, `text ${t} layer ${l}`));
    }
  });

  test('a layer outside 0..L is refused', async () => {
    await assert.rejects(encoder.encode(TEXTS, { layers: [encoder.identity.layers + 1] }), RangeError);
  });
});
