import { resolveRuntime } from '../../../src/core/encoders/session/session-options';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { padBatch } from '../../../src/core/encoders/encode/batch';
import { countLeadingSpecials, planText } from '../../../src/core/encoders/encode/sequences';
import { planWindows } from '../../../src/core/encoders/encode/windows';
import { tapCacheDir } from '../../../src/core/encoders/model/cache-dir';
import { resolveModel } from '../../../src/core/encoders/model/resolve';
import { TappedSession } from '../../../src/core/encoders/session/tapped-session';
import { tappedModelFile } from '../../../src/core/encoders/taps/tap-cache';
import { loadEncoder } from '../../../src/core/encoders/load-encoder';
import type { Encoder, HiddenStates } from '../../../src/core/encoders/types';
import { DATA_DIR, TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { maxAbsDiffArrays, tempDir } from './helpers';

const WORDS = 5000;

/** The first 5,000 words of the IMDB reviews, joined as paragraphs: one long document. */
function fiveThousandWords(): string {
  const reviews = readFileSync(path.join(DATA_DIR, 'imdb', 'test-1k.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
  const text = reviews.join('\n\n');
  const words = [...text.matchAll(/\S+/g)];
  const last = words[WORDS - 1];
  return text.slice(0, (last.index ?? 0) + last[0].length);
}

const text = fiveThousandWords();
const cacheDir = tempDir();

function row(states: HiddenStates, layer: number, token: number): Float32Array {
  const h = states.hiddenSize;
  return states.layers[layer].subarray(token * h, (token + 1) * h);
}

for (const modelDir of [TINY_BERT, TINY_GPT2]) {
  describe(`a ${WORDS}-word text through ${path.basename(modelDir)}`, () => {
    let encoder: Encoder;
    let states: HiddenStates;
    before(async () => {
      encoder = await loadEncoder(modelDir, { cacheDir, threads: 1 });
      [states] = await encoder.encode([text], { batchSize: 8 });
    });
    after(() => encoder.dispose());

    test('one vector per token per layer, for every token of the text, in order', () => {
      assert.equal([...text.matchAll(/\S+/g)].length, WORDS);
      const { tokenizer } = encoder;
      const expected = tokenizer.withSpecials(tokenizer.tokenize(text), text.length);
      assert.ok(expected.length > 2 * tokenizer.maxLength, `only ${expected.length} tokens: not windowed`);
      assert.deepEqual(states.tokens, expected);
      const content = states.tokens.filter((t) => !t.special);
      content.forEach((t, i) => assert.ok(i === 0 || t.start >= content[i - 1].start, 'offsets in order'));
      assert.equal(states.layers.length, encoder.identity.layers + 1);
      for (const layer of states.layers) {
        assert.equal(layer.length, states.tokens.length * states.hiddenSize);
        assert.ok(layer.every(Number.isFinite));
      }
    });

    test('each token’s vectors come from the window where it has the most context', async () => {
      // Run every window alone and check the stitched result row by row against the owning window.
      const resolved = await resolveModel(modelDir);
      const { family, layers, hiddenSize } = resolved.config;
      const tapped = await tappedModelFile(resolved.onnxPath, { family, layers, hiddenSize }, tapCacheDir(cacheDir));
      const session = await TappedSession.create(tapped.path, tapped.manifest, resolveRuntime({ threads: 1 }));
      try {
        const { tokenizer } = encoder;
        const lead = countLeadingSpecials(tokenizer);
        const causal = family === 'gpt2';
        const plan = planText(text, 0, tokenizer, lead, causal);
        const content = states.tokens.length - tokenizer.specialCount;
        const { windows, owner } = planWindows(content, tokenizer.maxLength - tokenizer.specialCount, causal);
        assert.ok(windows.length > 3);
        let differsElsewhere = 0;
        for (const [w, sequence] of plan.sequences.entries()) {
          const alone = await session.run(padBatch([sequence], tokenizer.padId));
          const aloneRow = (layer: number, position: number) =>
            alone[layer].subarray(position * hiddenSize, (position + 1) * hiddenSize);
          for (let i = windows[w].start; i < windows[w].end; i++) {
            const position = lead + i - windows[w].start;
            for (const layer of [1, layers]) {
              const diff = maxAbsDiffArrays(aloneRow(layer, position), row(states, layer, lead + i));
              if (owner[i] === w) assert.ok(diff <= 1e-5, `token ${i} layer ${layer}: ${diff} from its window ${w}`);
              else if (diff > 1e-3) differsElsewhere++;
            }
          }
        }
        assert.ok(differsElsewhere > 0, 'overlapping windows should give different vectors for the same token');
      } finally {
        await session.dispose();
      }
    });

    if (modelDir === TINY_GPT2) {
      test('tokens whose window holds their whole prefix equal an unwindowed run of that prefix', async () => {
        // Cut after a token that the next one separates with a space, so the prefix tokenizes the same way.
        const cut = states.tokens.findIndex((_, i) => i > 300 && states.tokens[i + 1]?.text.startsWith('Ġ'));
        const prefix = text.slice(0, states.tokens[cut].end);
        const [unwindowed] = await encoder.encode([prefix]);
        assert.deepEqual(unwindowed.tokens, states.tokens.slice(0, cut + 1));
        for (let layer = 0; layer < unwindowed.numLayers; layer++) {
          for (let t = 0; t <= cut; t++) {
            const diff = maxAbsDiffArrays(row(unwindowed, layer, t), row(states, layer, t));
            assert.ok(diff <= 1e-5, `token ${t} layer ${layer}: ${diff}`);
          }
        }
      });
    }
  });
}
