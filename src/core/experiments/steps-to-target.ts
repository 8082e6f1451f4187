import type { Evaluation } from '../train/trainer';

/** A point of a learning curve: the selection score after `step` steps. */
export type CurvePoint = Pick<Evaluation, 'step' | 'devMetric'>;

/** The paper's step efficiency: how soon a head gets close to what it can reach. */
export const TARGET_FRACTION = 0.9;

/**
 * Steps until a run's selection-dev score first reaches `target`: the step of the first evaluation scoring
 * ≥ target, or null when none does. Evaluations come every evaluateEvery steps, so the answer is a multiple
 * of that (or the run's last step).
 */
export function stepsToReach(evaluations: readonly CurvePoint[], target: number): number | null {
  return evaluations.find((e) => e.devMetric >= target)?.step ?? null;
}

/**
 * Steps until a run first reaches TARGET_FRACTION of its own best selection-dev score (the definition:
 * "90% of that head's best"). Null when the best is 0 (the head never found an entity): no target to reach.
 */
export function stepsToOwnTarget(evaluations: readonly CurvePoint[]): number | null {
  const best = Math.max(...evaluations.map((e) => e.devMetric));
  return best > 0 ? stepsToReach(evaluations, TARGET_FRACTION * best) : null;
}
