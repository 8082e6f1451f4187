import { type Task } from '../task';
import { defaultHyperparameters } from '../train/defaults';
import type { Hyperparameters } from '../train/trainer';

/**
 * How long each head trains in an experiment. The trainer's defaults count epochs, which makes a 50-sentence
 * subset train for 60 steps and a 14,000-sentence one for 13,000: the few-shot heads would be judged
 * half-trained and the large ones would take hours. So an experiment bounds the steps instead, the same
 * bounds for every head and size, and scores the selection dev set every `evaluateEvery` steps.
 */
export interface ScheduleOptions {
  /** Train at least this many steps (more epochs on small subsets). */
  minSteps: number;
  /** And at most this many (fewer epochs on large subsets; always at least one epoch). */
  maxSteps: number;
  /** Score the selection dev set every this many steps: the learning curve and early stopping follow it. */
  evaluateEvery: number;
}

export const DEFAULT_SCHEDULES: Readonly<Record<'pooling' | 'fusion', ScheduleOptions>> = {
  // Pooling heads are cheap (a logistic regression, or a few hundred weights more): a long budget costs seconds.
  pooling: { minSteps: 300, maxSteps: 5000, evaluateEvery: 50 },
  // Fusion heads run a 100k-weight network over every word: 1,500 steps is already minutes per head.
  fusion: { minSteps: 300, maxSteps: 1500, evaluateEvery: 20 },
};

/** Early stopping never gives up before this many evaluations without improvement. */
const MIN_PATIENCE_EVALUATIONS = 5;

export interface TrainingPlan extends Hyperparameters {
  evaluateEvery: number;
  /** Early stopping waits for this many steps (the schedule's floor, or the whole run when that is shorter). */
  minSteps: number;
  /** Steps the schedule runs when early stopping does not cut it short. */
  plannedSteps: number;
}

/**
 * The plan of one head on `trainSize` examples: the trainer's default learning rate, batch size, weight decay
 * and schedule for the strategy; epochs stretched or cut to the step bounds; its patience (in epochs) turned
 * into evaluations, at least MIN_PATIENCE_EVALUATIONS, and no early stop before the floor of steps (heads that
 * learn slowly, like the 100k-weight fusion heads on rare entities, would otherwise stop before they start).
 */
export function trainingPlan(task: Task, strategy: string, trainSize: number, schedule: ScheduleOptions): TrainingPlan {
  const defaults = defaultHyperparameters(task, strategy);
  const stepsPerEpoch = Math.ceil(trainSize / defaults.batchSize);
  const fewest = Math.ceil(schedule.minSteps / stepsPerEpoch);
  const most = Math.max(1, Math.floor(schedule.maxSteps / stepsPerEpoch));
  const epochs = Math.min(most, Math.max(fewest, defaults.epochs));
  const patience = Math.max(MIN_PATIENCE_EVALUATIONS, Math.ceil((defaults.patience * stepsPerEpoch) / schedule.evaluateEvery));
  const plannedSteps = epochs * stepsPerEpoch;
  return { ...defaults, epochs, patience, evaluateEvery: schedule.evaluateEvery, minSteps: Math.min(schedule.minSteps, plannedSteps), plannedSteps };
}
