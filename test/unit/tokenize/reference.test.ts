/** Our tokens against the Hugging Face `tokenizers` library's, as recorded in each model's reference file. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadTokenizer } from '../../../src/core/encoders/tokenize';
import type { Family } from '../../../src/core/encoders/types';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { readJson } from './fixtures';

interface ReferenceItem {
  text: string;
  input_ids: number[];
  tokens: string[];
  /** Python offsets: code points, not UTF-16 units. */
  offsets: Array<[number, number]>;
  special_tokens_mask: number[];
}

/** UTF-16 index of every code-point index of `text` (and of its end). */
function codePointToUnit(text: string): number[] {
  const units = [0];
  for (const char of text) units.push(units[units.length - 1] + char.length);
  return units;
}

for (const [folder, family] of [
  [TINY_BERT, 'bert'],
  [TINY_GPT2, 'gpt2'],
] as Array<[string, Family]>) {
  describe(`reference tokens of ${path.basename(folder)}`, async () => {
    const config = readJson(path.join(folder, 'config.json'));
    const maxPositions = (config.max_position_embeddings ?? config.n_positions) as number;
    const tokenizer = await loadTokenizer(folder, family, maxPositions);
    const items = (readJson(path.join(folder, 'reference', 'hidden_states.json')).items as ReferenceItem[]);

    it('has reference items to compare with', () => assert.ok(items.length > 0));

    for (const item of items) {
      it(`matches ids, tokens and offsets for ${JSON.stringify(item.text)}`, () => {
        const tokens = tokenizer.withSpecials(tokenizer.tokenize(item.text), item.text.length);
        assert.deepEqual(tokens.map((token) => token.id), item.input_ids);
        assert.deepEqual(tokens.map((token) => token.text), item.tokens);
        assert.deepEqual(tokens.map((token) => (token.special ? 1 : 0)), item.special_tokens_mask);

        const unit = codePointToUnit(item.text);
        tokens.forEach((token, i) => {
          if (token.special) {
            // The reference writes [0, 0] for every special token; ours sit empty at the start or the end.
            assert.deepEqual(item.offsets[i], [0, 0]);
            const at = i === 0 ? 0 : item.text.length;
            assert.deepEqual([token.start, token.end], [at, at], `special token ${i}`);
          } else {
            const [start, end] = item.offsets[i];
            assert.deepEqual([token.start, token.end], [unit[start], unit[end]], `token ${i} (${token.text})`);
          }
        });
      });
    }

    it('caps maxLength at the position embeddings', () => {
      const declared = readJson(path.join(folder, 'tokenizer_config.json')).model_max_length as number;
      assert.equal(tokenizer.maxLength, Math.min(declared, maxPositions));
    });
  });
}
