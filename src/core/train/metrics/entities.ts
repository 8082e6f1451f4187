import { ProbeLensError } from '../../errors';
import { tagsToEntities } from '../../ner/entities';
import { isTag } from '../../ner/tags';
import { f1Of } from './f1';

/** Precision, recall and F1 of one entity type (or all of them), with the counts they come from. */
export interface PrfScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold entities. */
  support: number;
  /** Predicted entities. */
  predicted: number;
  /** Predicted entities that match a gold one exactly (same words, same type). */
  correct: number;
}

export interface EntityScores {
  /** Over all entities of all types (seqeval's "micro avg"). */
  micro: PrfScores;
  /** By entity type, for every type in gold or predicted, keys sorted. */
  perType: Record<string, PrfScores>;
}

/**
 * Entity-level scores, the seqeval (default mode) / conlleval convention with IOB2 tags: entities are
 * extracted from each sentence's tags (a stray I-X starts an entity, see repairBio), and a predicted entity is
 * correct only when a gold entity has exactly the same first word, last word and type. Precision, recall and
 * F1 are 0 when their denominator is 0, as seqeval reports them.
 */
export function entityScores(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
): EntityScores {
  if (gold.length !== predicted.length) {
    const message = `Cannot score ${predicted.length} predicted sentences against ${gold.length} gold ones.`;
    throw new ProbeLensError(message, 'bad-input');
  }
  const counts = new Map<string, { support: number; predicted: number; correct: number }>();
  const countsOf = (type: string) => {
    let entry = counts.get(type);
    if (!entry) counts.set(type, (entry = { support: 0, predicted: 0, correct: 0 }));
    return entry;
  };
  gold.forEach((goldTags, s) => {
    const predictedTags = predicted[s];
    if (goldTags.length !== predictedTags.length) {
      const message = `Sentence ${s}: ${predictedTags.length} predicted tags for ${goldTags.length} words.`;
      throw new ProbeLensError(message, 'bad-input');
    }
    const bad = [...goldTags, ...predictedTags].find((tag) => !isTag(tag));
    if (bad !== undefined) throw new ProbeLensError(`Sentence ${s}: "${bad}" is not a BIO tag.`, 'bad-input');
    const goldKeys = new Set<string>();
    for (const entity of tagsToEntities(goldTags)) {
      countsOf(entity.type).support++;
      goldKeys.add(`${entity.type}\u0000${entity.startWord}\u0000${entity.endWord}`);
    }
    for (const entity of tagsToEntities(predictedTags)) {
      const entry = countsOf(entity.type);
      entry.predicted++;
      if (goldKeys.has(`${entity.type}\u0000${entity.startWord}\u0000${entity.endWord}`)) entry.correct++;
    }
  });
  const total = { support: 0, predicted: 0, correct: 0 };
  const perType: Record<string, PrfScores> = {};
  for (const [type, entry] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    perType[type] = prf(entry);
    total.support += entry.support;
    total.predicted += entry.predicted;
    total.correct += entry.correct;
  }
  return { micro: prf(total), perType };
}

function prf({ support, predicted, correct }: { support: number; predicted: number; correct: number }): PrfScores {
  return {
    precision: predicted === 0 ? 0 : correct / predicted,
    recall: support === 0 ? 0 : correct / support,
    f1: f1Of(correct, predicted, support),
    support,
    predicted,
    correct,
  };
}
