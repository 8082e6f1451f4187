/** F1 from counts: 2·tp / (predicted + gold), 0 when both are 0 (scikit-learn's and seqeval's zero_division=0). */
export function f1Of(truePositive: number, predicted: number, gold: number): number {
  return predicted + gold === 0 ? 0 : (2 * truePositive) / (predicted + gold);
}
