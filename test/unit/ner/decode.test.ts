import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeProbabilities, decodeTags } from '../../../src/core/ner/decode';
import { bioLabels } from '../../../src/core/ner/tags';
import { joinWords, splitWords } from '../../../src/core/ner/words';

describe('decodeTags', () => {
  it('gives char spans, text and word ranges in a joined sentence', () => {
    const { text, spans } = joinWords(['Peter', 'Blackburn', 'visited', 'New', 'York']);
    const entities = decodeTags(['B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC'], spans, text);
    assert.deepEqual(entities, [
      { type: 'PER', start: 0, end: 15, text: 'Peter Blackburn', startWord: 0, endWord: 2 },
      { type: 'LOC', start: 24, end: 32, text: 'New York', startWord: 3, endWord: 5 },
    ]);
  });

  it('averages the tag confidences of an entity’s words', () => {
    const { text, spans } = joinWords(['in', 'New', 'York']);
    const [entity] = decodeTags(['O', 'B-LOC', 'I-LOC'], spans, text, [0.9, 0.8, 0.6]);
    assert.ok(Math.abs(entity.confidence! - 0.7) < 1e-12);
  });

  it('repairs invalid sequences: a stray I- starts an entity', () => {
    const { text, spans } = joinWords(['a', 'b', 'c']);
    assert.deepEqual(
      decodeTags(['I-PER', 'I-LOC', 'O'], spans, text).map((e) => [e.type, e.text]),
      [
        ['PER', 'a'],
        ['LOC', 'b'],
      ],
    );
  });

  it('maps spans into a user text with irregular spacing', () => {
    const text = '  Angela   Merkel visited Paris.';
    const words = splitWords(text);
    const tags = words.map((_, i) => ['B-PER', 'I-PER', 'O', 'B-LOC', 'O'][i]);
    const entities = decodeTags(tags, words, text);
    assert.deepEqual(entities.map((e) => [e.text, e.start, e.end]), [
      ['Angela   Merkel', 2, 17],
      ['Paris', 26, 31],
    ]);
  });

  it('rejects a tag count that differs from the word count', () => {
    assert.throws(() => decodeTags(['O'], [], ''), /1 tags for 0 words/);
  });
});

describe('decodeProbabilities', () => {
  const labels = bioLabels(['LOC', 'PER']); // O B-LOC I-LOC B-PER I-PER
  it('takes the most probable tag per word, repairs, and scores entities by mean tag probability', () => {
    const text = 'Ada met Bob in Rome';
    const words = splitWords(text);
    // prettier-ignore
    const probabilities = [
      0.1, 0.0, 0.0, 0.8, 0.1, // Ada  -> B-PER 0.8
      0.9, 0.0, 0.1, 0.0, 0.0, // met  -> O     0.9
      0.2, 0.0, 0.0, 0.1, 0.7, // Bob  -> I-PER 0.7 (after O: repaired to B-PER)
      0.6, 0.1, 0.1, 0.1, 0.1, // in   -> O     0.6
      0.0, 0.5, 0.4, 0.1, 0.0, // Rome -> B-LOC 0.5
    ];
    const decoded = decodeProbabilities(probabilities, labels, words, text);
    assert.deepEqual(decoded.tags, ['B-PER', 'O', 'B-PER', 'O', 'B-LOC']);
    assert.deepEqual(decoded.repairs, [{ index: 2, from: 'I-PER', to: 'B-PER' }]);
    assert.deepEqual(
      decoded.entities.map((e) => [e.text, e.type, Number(e.confidence!.toFixed(6))]),
      [
        ['Ada', 'PER', 0.8],
        ['Bob', 'PER', 0.7],
        ['Rome', 'LOC', 0.5],
      ],
    );
  });

  it('gives a multi-word entity the mean of its words’ probabilities', () => {
    const text = 'New York';
    // prettier-ignore
    const probabilities = new Float32Array([
      0.1, 0.6, 0.1, 0.1, 0.1,
      0.0, 0.0, 1.0, 0.0, 0.0,
    ]);
    const [entity] = decodeProbabilities(probabilities, labels, splitWords(text), text).entities;
    assert.equal(entity.text, 'New York');
    assert.ok(Math.abs(entity.confidence! - 0.8) < 1e-6);
  });

  it('rejects a matrix of the wrong size and labels that are not tags', () => {
    assert.throws(() => decodeProbabilities([0.5, 0.5], labels, [{ start: 0, end: 1 }], 'a'), /2 values for 1 words x 5 labels/);
    assert.throws(() => decodeProbabilities([1], ['PER'], [{ start: 0, end: 1 }], 'a'), /not a BIO tag/);
  });
});
