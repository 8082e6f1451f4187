import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_DATASETS } from '../../core/data/catalogue';
import type { TrainTask } from '../../protocol/worker';
import { trainingSource } from '../runtime';
import type { ProbeLensSettings } from '../settings/parse-settings';

export const TRAIN_BUTTON = 'Train Probes';

// One offer on screen at a time: comparing again while it shows must not stack another.
let offerShown = false;

/**
 * Tells the user why a result is incomplete and offers to train the missing probes, saying what data that
 * uses (and that a default dataset is downloaded). Resolves true when the user accepts. Never awaited by a
 * command before it returns: the message stays until the user acts.
 */
export async function askToTrain(
  settings: ProbeLensSettings,
  workspaceRoot: string | undefined,
  tasks: TrainTask[],
  reason: string,
): Promise<boolean> {
  if (offerShown) return false;
  const sources = tasks.map((task) => {
    const source = trainingSource(task, settings, workspaceRoot);
    if (source.kind === 'files') return path.basename(source.train);
    const spec = DEFAULT_DATASETS[source.dataset];
    return settings.offline ? `${spec.title} (must be in the cache: offline mode is on)` : `${spec.title} (downloaded once)`;
  });
  const what = tasks.map((task) => (task === 'ner' ? 'NER' : 'sentiment')).join(' and ');
  offerShown = true;
  try {
    const choice = await vscode.window.showInformationMessage(
      `Probe Lens: ${reason} Train ${what} probes now on ${settings.training.fewShotSize} examples of ${sources.join(' and ')}?`,
      TRAIN_BUTTON,
    );
    return choice === TRAIN_BUTTON;
  } finally {
    offerShown = false;
  }
}
