import { repairBio, parseTag } from './tags';

/** An entity over words: words [startWord, endWord) of one sentence. */
export interface WordEntity {
  type: string;
  startWord: number;
  endWord: number;
}

/**
 * The entities of a tag sequence. Invalid sequences are repaired first (see repairBio): a stray `I-X` starts
 * an entity, as in seqeval and conlleval. A `B-X` always starts a new entity; `I-X` after `B-X`/`I-X`
 * extends it.
 */
export function tagsToEntities(tags: readonly string[]): WordEntity[] {
  const entities: WordEntity[] = [];
  let open: WordEntity | undefined;
  const repaired = repairBio(tags).tags;
  repaired.forEach((tag, i) => {
    const parsed = parseTag(tag);
    if (parsed?.prefix === 'I' && open) {
      open.endWord = i + 1; // after repairBio an I- always continues the open entity of its type
    } else if (parsed?.prefix === 'B') {
      open = { type: parsed.type, startWord: i, endWord: i + 1 };
      entities.push(open);
    } else {
      open = undefined;
    }
  });
  return entities;
}

/** IOB2 tags for `wordCount` words from entities (which must not overlap). */
export function entitiesToTags(entities: readonly WordEntity[], wordCount: number): string[] {
  const tags = new Array<string>(wordCount).fill('O');
  for (const { type, startWord, endWord } of entities) {
    if (startWord < 0 || endWord > wordCount || startWord >= endWord) {
      throw new Error(`entitiesToTags: entity [${startWord}, ${endWord}) is outside 0..${wordCount}`);
    }
    for (let i = startWord; i < endWord; i++) {
      if (tags[i] !== 'O') throw new Error(`entitiesToTags: entities overlap at word ${i}`);
      tags[i] = i === startWord ? `B-${type}` : `I-${type}`;
    }
  }
  return tags;
}
