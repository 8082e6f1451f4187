import { tagsToEntities } from './entities';
import { parseTag, repairBio, type BioRepair } from './tags';
import type { CharSpan } from './words';

/** A named entity found in a text. */
export interface EntitySpan {
  type: string;
  /** [start, end) in the text, UTF-16 code units: from its first word's start to its last word's end. */
  start: number;
  end: number;
  text: string;
  /** Its words: [startWord, endWord) of the word list it was decoded from. */
  startWord: number;
  endWord: number;
  /** The mean probability of its words' predicted tags; absent when decoded from bare tags. */
  confidence?: number;
}

/**
 * Entity spans from per-word tags. `words` are the words' spans in `text` (from joinWords or splitWords).
 * Invalid BIO sequences are repaired as in repairBio. `tagConfidences[i]`, when given, is the probability of
 * word i's tag; an entity's confidence is the mean over its words.
 */
export function decodeTags(
  tags: readonly string[],
  words: readonly CharSpan[],
  text: string,
  tagConfidences?: ArrayLike<number>,
): EntitySpan[] {
  if (tags.length !== words.length) throw new Error(`decodeTags: ${tags.length} tags for ${words.length} words`);
  return tagsToEntities(tags).map(({ type, startWord, endWord }) => {
    const start = words[startWord].start;
    const end = words[endWord - 1].end;
    const span: EntitySpan = { type, start, end, text: text.slice(start, end), startWord, endWord };
    if (tagConfidences) {
      let sum = 0;
      for (let i = startWord; i < endWord; i++) sum += tagConfidences[i];
      span.confidence = sum / (endWord - startWord);
    }
    return span;
  });
}

/** What a tagger's output decodes to, for one text. */
export interface DecodedTags {
  /** Per word: the most probable tag, after BIO repair (what a hover shows). */
  tags: string[];
  /** Per word: the probability of its most probable tag. */
  tagConfidences: Float32Array;
  entities: EntitySpan[];
  /** Where a predicted tag was invalid BIO and was changed. */
  repairs: BioRepair[];
}

/**
 * Decodes per-word tag probabilities: `probabilities` is row-major [words.length x labels.length] (one
 * softmax row per word, in the order of `labels`, e.g. from bioLabels). Each word takes its most probable tag
 * (the first on ties); the sequence is repaired and turned into entity spans in `text`.
 */
export function decodeProbabilities(
  probabilities: ArrayLike<number>,
  labels: readonly string[],
  words: readonly CharSpan[],
  text: string,
): DecodedTags {
  const width = labels.length;
  if (probabilities.length !== words.length * width) {
    throw new Error(`decodeProbabilities: ${probabilities.length} values for ${words.length} words x ${width} labels`);
  }
  const bad = labels.find((label) => !parseTag(label));
  if (bad !== undefined) throw new Error(`decodeProbabilities: label "${bad}" is not a BIO tag`);
  const predicted: string[] = [];
  const tagConfidences = new Float32Array(words.length);
  for (let w = 0; w < words.length; w++) {
    let best = 0;
    for (let k = 1; k < width; k++) if (probabilities[w * width + k] > probabilities[w * width + best]) best = k;
    predicted.push(labels[best]);
    tagConfidences[w] = probabilities[w * width + best];
  }
  const { tags, repairs } = repairBio(predicted);
  return { tags, tagConfidences, entities: decodeTags(tags, words, text, tagConfidences), repairs };
}
