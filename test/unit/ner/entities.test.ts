import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { entitiesToTags, tagsToEntities } from '../../../src/core/ner/entities';

describe('tagsToEntities', () => {
  it('finds entities with word ranges and types', () => {
    assert.deepEqual(tagsToEntities(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC', 'O']), [
      { type: 'PER', startWord: 0, endWord: 2 },
      { type: 'LOC', startWord: 3, endWord: 4 },
      { type: 'LOC', startWord: 4, endWord: 6 },
    ]);
  });

  it('starts an entity at a stray I- tag, and splits where the type changes', () => {
    assert.deepEqual(tagsToEntities(['O', 'I-PER', 'I-PER', 'I-ORG']), [
      { type: 'PER', startWord: 1, endWord: 3 },
      { type: 'ORG', startWord: 3, endWord: 4 },
    ]);
  });

  it('returns nothing for an all-O or empty sentence', () => {
    assert.deepEqual(tagsToEntities(['O', 'O']), []);
    assert.deepEqual(tagsToEntities([]), []);
  });
});

describe('entitiesToTags', () => {
  it('writes IOB2 tags', () => {
    const tags = entitiesToTags(
      [
        { type: 'LOC', startWord: 1, endWord: 3 },
        { type: 'LOC', startWord: 3, endWord: 4 },
      ],
      5,
    );
    assert.deepEqual(tags, ['O', 'B-LOC', 'I-LOC', 'B-LOC', 'O']);
  });

  it('rejects overlapping or out-of-range entities', () => {
    assert.throws(() => entitiesToTags([{ type: 'A', startWord: 0, endWord: 2 }, { type: 'B', startWord: 1, endWord: 2 }], 3), /overlap/);
    assert.throws(() => entitiesToTags([{ type: 'A', startWord: 2, endWord: 4 }], 3), /outside/);
  });

  it('round-trips with tagsToEntities for any valid IOB2 sequence', () => {
    const tag = fc.oneof(fc.constant('O'), fc.constantFrom('B-A', 'I-A', 'B-B', 'I-B'));
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 30 }), (raw) => {
        const entities = tagsToEntities(raw);
        const tags = entitiesToTags(entities, raw.length);
        assert.deepEqual(tagsToEntities(tags), entities);
        assert.deepEqual(entitiesToTags(tagsToEntities(tags), tags.length), tags);
      }),
    );
  });
});
