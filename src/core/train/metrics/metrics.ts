/**
 * Scores for trained heads. Classification (sentiment, or NER tags counted one per word): accuracy, macro-F1
 * and a confusion table. NER entities: see metrics-entities.ts.
 */
import { ProbeLensError } from '../../errors';
import { f1Of } from './f1';

export { confusionTable, renderConfusionTable, type ConfusionTable } from './confusion';
export { entityScores, type EntityScores, type PrfScores } from './entities';

/** The fraction of predictions equal to the gold label. */
export function accuracy(gold: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPairs(gold, predicted);
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  return correct / gold.length;
}

/**
 * The unweighted mean over labels of each label's F1 (F1 = 0 when a label has no true positives). As in
 * scikit-learn's f1_score(average='macro'), the labels averaged over are those that occur in gold or predicted,
 * so a label absent from both does not pull the mean down.
 */
export function macroF1(gold: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPairs(gold, predicted);
  const counts = new Map<number, { truePositive: number; gold: number; predicted: number }>();
  const countsOf = (label: number) => {
    let entry = counts.get(label);
    if (!entry) counts.set(label, (entry = { truePositive: 0, gold: 0, predicted: 0 }));
    return entry;
  };
  for (let i = 0; i < gold.length; i++) {
    countsOf(gold[i]).gold++;
    countsOf(predicted[i]).predicted++;
    if (gold[i] === predicted[i]) countsOf(gold[i]).truePositive++;
  }
  let sum = 0;
  for (const { truePositive, gold: inGold, predicted: inPredicted } of counts.values()) {
    sum += f1Of(truePositive, inPredicted, inGold);
  }
  return sum / counts.size;
}

function checkPairs(gold: ArrayLike<number>, predicted: ArrayLike<number>): void {
  if (gold.length !== predicted.length) {
    const message = `Cannot score ${predicted.length} predictions against ${gold.length} gold labels.`;
    throw new ProbeLensError(message, 'bad-input');
  }
  if (gold.length === 0) throw new ProbeLensError('Cannot score an empty set of predictions.', 'bad-input');
}
