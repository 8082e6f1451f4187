import type { TrainTask, WorkerRequestOf } from '../../protocol/worker';
import { encoderSpecs, trainingSource } from '../runtime';
import type { ProbeLensSettings } from '../settings/parse-settings';

/**
 * What to train for `tasks`: every configured encoder; the pooling strategies shown, and the fusion
 * strategies shown plus the hover's (so the hover works after training even when its strategy is hidden).
 */
export function trainRequest(tasks: TrainTask[], settings: ProbeLensSettings, workspaceRoot: string | undefined): WorkerRequestOf<'train'> {
  return {
    kind: 'train',
    encoders: encoderSpecs(settings, workspaceRoot),
    tasks,
    strategies: {
      sentiment: settings.poolingStrategies,
      ner: [...new Set([...settings.fusionStrategies, settings.hover.strategy])],
    },
    data: {
      sentiment: trainingSource('sentiment', settings, workspaceRoot),
      ner: trainingSource('ner', settings, workspaceRoot),
    },
    fewShotSize: settings.training.fewShotSize,
    seed: settings.training.seed,
  };
}
