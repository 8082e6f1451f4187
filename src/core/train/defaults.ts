import { strategyFor } from '../heads/registry';
import { isParameterFree } from '../heads/strategy/definition';
import { type Task } from '../task';
import type { Hyperparameters } from './trainer';

/**
 * Training settings when the caller gives none, per task and strategy. Measured on the shared tiny encoders
 * (SST-2 3,000 sentences, CoNLL 1,000 sentences; see the probe heads note):
 * - heads that only fit a classifier on fixed vectors (mean, max, cls, last) are a logistic regression: each
 *   step is one small product, so they get many epochs and patience to converge; sentiment needs a small
 *   step (its dev accuracy is noisy at 1e-2), word tagging a larger one (hundreds of words per step);
 * - the other heads take their strategy's learning rate: shallow ones that add a few parameters to that
 *   (weighted pooling, ScalarMix) 1e-2, heads with hidden layers (last+mlp, concat, dwatt) the usual 1e-3.
 * The learning rate decays linearly to 0 over the epochs so the weights settle.
 */
export function defaultHyperparameters(task: Task, strategy: string): Hyperparameters {
  const common = { weightDecay: 0.01, batchSize: 32, schedule: 'linear' as const };
  const definition = strategyFor(task, strategy);
  if (isParameterFree(definition)) {
    return { ...common, learningRate: task === 'sentiment' ? 1e-3 : 1e-2, epochs: 50, patience: 10 };
  }
  return { ...common, learningRate: definition.learningRate ?? 1e-3, epochs: 30, patience: 5 };
}
