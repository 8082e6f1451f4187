import { ProbeLensError } from '../errors';
import type { Task } from '../task';
import { concat } from './fusion/concat';
import { dwatt } from './fusion/dwatt';
import { last as lastFusion } from './fusion/last';
import { lastMlp } from './fusion/last-mlp';
import { scalarmix } from './fusion/scalarmix';
import { attention } from './pooling/attention';
import { cls } from './pooling/cls';
import { last as lastPooling } from './pooling/last';
import { max } from './pooling/max';
import { mean } from './pooling/mean';
import { meanMax } from './pooling/mean-max';
import { sum } from './pooling/sum';
import { weighted } from './pooling/weighted';
import { weightedMean } from './pooling/weighted-mean';
import type { Strategy } from './strategy/definition';

/** Every strategy, per task, in the order the panel and the defaults use. */
export const STRATEGIES: Readonly<Record<Task, readonly Strategy[]>> = {
  sentiment: [mean, max, weighted, cls, lastPooling, sum, weightedMean, attention, meanMax],
  ner: [lastFusion, lastMlp, scalarmix, concat, dwatt],
};

/** The strategy names of a task, in registry order. */
export function strategiesFor(task: Task): readonly string[] {
  return STRATEGIES[task].map((s) => s.name);
}

export const POOLING_STRATEGIES = strategiesFor('sentiment');
export const FUSION_STRATEGIES = strategiesFor('ner');

/** The strategy `name` of `task`; a user-facing error naming the choices when there is none. */
export function strategyFor(task: Task, name: string): Strategy {
  const found = STRATEGIES[task].find((s) => s.name === name);
  if (!found) {
    const kind = task === 'sentiment' ? 'pooling' : 'fusion';
    throw new ProbeLensError(`Unknown ${kind} strategy "${name}" for ${task}; choose from ${strategiesFor(task).join(', ')}.`, 'bad-input');
  }
  return found;
}

/** Throws a user-facing error when `name` is not one of the task's strategies. */
export function checkStrategy(task: Task, name: string): void {
  strategyFor(task, name);
}
