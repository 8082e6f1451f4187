import * as vscode from 'vscode';
import type { TrainResponse } from '../../protocol/worker';
import type { ProbeLensHost } from '../host';
import { failed, type Outcome } from './outcome';
import { pickTasks } from './pick-tasks';

const DETAILS = {
  both: 'Pooling heads on the sentiment data, fusion heads on the NER data.',
  sentiment: 'One pooling head per pooling strategy shown.',
  ner: 'One fusion head per fusion strategy shown, and the hover strategy.',
};

/**
 * Probe Lens: Train Probes — asks which task (or takes it as the argument: 'sentiment', 'ner' or 'both') and
 * trains its probes for every configured encoder.
 */
export function registerTrainProbes(host: ProbeLensHost): vscode.Disposable {
  return vscode.commands.registerCommand('probeLens.trainProbes', async (argument?: unknown): Promise<Outcome<TrainResponse>> => {
    const tasks = await pickTasks(argument, 'Probe Lens: train probes for', DETAILS);
    if (!tasks) return failed('cancelled', 'No task was picked.');
    return host.training.train(tasks);
  });
}
