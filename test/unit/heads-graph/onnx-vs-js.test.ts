import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadEncoder } from '../../../src/core/encoders/load-encoder';
import type { Dtype, Encoder, HiddenStates } from '../../../src/core/encoders/types';
import { FUSION_STRATEGIES } from '../../../src/core/heads/registry';
import type { SentimentResult } from '../../../src/core/result';
import { predictSentiment, predictTags, type TagPrediction } from '../../../src/core/heads/inference';
import { OnnxHeads } from '../../../src/core/heads/graph/onnx-heads';
import { POOLING_STRATEGIES } from '../../../src/core/heads/registry';
import type { Probe } from '../../../src/core/heads/probe/store';
import { splitWords } from '../../../src/core/ner/words';
import { Random } from '../../../src/core/random';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { tempDir } from '../encoders/helpers';
import { imdbText, maxAbsDiff, randomProbe, randomSlice } from './fixtures';

/** The brief's bound on any probability or weight the ONNX heads compute, against the JS forward. */
const TOLERANCE = 1e-5;

interface TextCase {
  name: string;
  text: string;
  states: HiddenStates;
  js: { sentiment: SentimentResult[]; tags: TagPrediction[] };
  onnx: { sentiment: SentimentResult[]; tags: TagPrediction[] };
}

const source = imdbText();
const cacheDir = tempDir('heads-onnx-');

/** The first word of `source` that the tokenizer keeps as one content token. */
function singleTokenText(encoder: Encoder): string {
  const word = source.split(/\s+/).find((w) => /^[a-z]+$/.test(w) && encoder.tokenizer.tokenize(w).length === 1);
  assert.ok(word, 'no single-token word in the IMDB text');
  return word;
}

/** A random slice of IMDB long enough to need several windows. */
function multiWindowText(encoder: Encoder, random: Random): string {
  for (let words = 600; ; words *= 2) {
    const text = randomSlice(source, words, random);
    if (encoder.tokenizer.tokenize(text).length > 1.5 * encoder.tokenizer.maxLength) return text;
  }
}

for (const modelDir of [TINY_BERT, TINY_GPT2]) {
  for (const dtype of ['fp32', 'q8'] as Dtype[]) {
    describe(`${path.basename(modelDir)} ${dtype}: every head in onnxruntime matches its JS forward`, () => {
      let encoder: Encoder;
      const notices: string[] = [];
      const cases: TextCase[] = [];
      let sentimentProbes: Probe[] = [];
      let nerProbes: Probe[] = [];

      before(async () => {
        encoder = await loadEncoder(modelDir, { dtype, cacheDir, offline: true });
        const random = new Random(dtype === 'fp32' ? 11 : 12);
        const fitTexts = Array.from({ length: 6 }, () => randomSlice(source, 30, random));
        sentimentProbes = await Promise.all(POOLING_STRATEGIES.map((s, i) => randomProbe(encoder, 'sentiment', s, 100 + i, fitTexts)));
        nerProbes = await Promise.all(FUSION_STRATEGIES.map((s, i) => randomProbe(encoder, 'ner', s, 200 + i, fitTexts)));
        const heads = new OnnxHeads({ log: (message) => notices.push(message) });
        const texts = [
          { name: 'a random text', text: randomSlice(source, 45, random) },
          { name: 'a single-token text', text: singleTokenText(encoder) },
          { name: 'a multi-window text', text: multiWindowText(encoder, random) },
        ];
        for (const { name, text } of texts) {
          const [states] = await encoder.encode([text]);
          const words = splitWords(text);
          const onnx = await heads.predict(states, { fingerprint: encoder.identity.fingerprint, runtime: encoder.runtime }, sentimentProbes, nerProbes, words);
          const js = {
            sentiment: sentimentProbes.map((p) => predictSentiment(states, p)),
            tags: nerProbes.map((p) => predictTags(states, p, words)),
          };
          cases.push({ name, text, states, js, onnx });
        }
      });
      after(() => encoder?.dispose());

      test('the texts are what they claim: one content token, and more tokens than one window holds', () => {
        const [, single, long] = cases;
        assert.equal(encoder.tokenizer.tokenize(single.text).length, 1);
        assert.ok(long.states.tokens.length > encoder.tokenizer.maxLength, `${long.states.tokens.length} tokens`);
      });

      test('no head fell back to JS (so the comparisons below compare two implementations)', () => {
        assert.deepEqual(notices, []);
      });

      /** The poolings that weigh tokens (and show the weights). */
      const WEIGHS_TOKENS = ['weighted', 'attention'];
      POOLING_STRATEGIES.forEach((strategy, index) => {
        test(`pooling ${strategy}: probabilities${WEIGHS_TOKENS.includes(strategy) ? ' and token weights' : ''}`, () => {
          for (const { name, js, onnx, states } of cases) {
            const a = js.sentiment[index];
            const b = onnx.sentiment[index];
            assert.equal(b.strategy, strategy);
            const diff = maxAbsDiff(a.probabilities.map((p) => p.probability), b.probabilities.map((p) => p.probability));
            assert.ok(diff <= TOLERANCE, `${name}: probabilities differ by ${diff}`);
            assert.ok(Math.abs(a.margin - b.margin) <= 2 * TOLERANCE, `${name}: margins ${a.margin} vs ${b.margin}`);
            assert.equal(b.tokenWeights !== undefined, WEIGHS_TOKENS.includes(strategy));
            if (a.tokenWeights && b.tokenWeights) {
              assert.equal(b.tokenWeights.length, states.tokens.length);
              const weightDiff = maxAbsDiff(a.tokenWeights, b.tokenWeights);
              assert.ok(weightDiff <= TOLERANCE, `${name}: token weights differ by ${weightDiff}`);
            }
          }
        });
      });

      FUSION_STRATEGIES.forEach((strategy, index) => {
        const weights = strategy === 'dwatt' ? ' and α per word' : strategy === 'scalarmix' ? ' and the layer mix' : '';
        test(`fusion ${strategy}: tag probabilities${weights}`, () => {
          for (const { name, js, onnx } of cases) {
            const a = js.tags[index];
            const b = onnx.tags[index];
            assert.equal(b.strategy, strategy);
            assert.deepEqual(b.wordTokens, a.wordTokens);
            assert.ok(a.probabilities.length > 0);
            const diff = maxAbsDiff(a.probabilities, b.probabilities);
            assert.ok(diff <= TOLERANCE, `${name}: probabilities differ by ${diff}`);
            assert.equal(b.layerWeights?.kind, a.layerWeights?.kind);
            if (a.layerWeights?.kind === 'global' && b.layerWeights?.kind === 'global') {
              assert.ok(maxAbsDiff(a.layerWeights.weights, b.layerWeights.weights) <= TOLERANCE, `${name}: mix weights`);
              assert.equal(b.layerWeights.gamma, a.layerWeights.gamma);
            }
            if (a.layerWeights?.kind === 'per-word' && b.layerWeights?.kind === 'per-word') {
              assert.equal(b.layerWeights.rows.length, a.layerWeights.rows.length);
              const alphaDiff = maxAbsDiff(a.layerWeights.rows.flat(), b.layerWeights.rows.flat());
              assert.ok(alphaDiff <= TOLERANCE, `${name}: α differs by ${alphaDiff}`);
            }
          }
        });
      });
    });
  }
}
