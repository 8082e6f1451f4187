import * as vscode from 'vscode';
import type { TrainResponse, TrainTask } from '../../protocol/worker';
import type { ProbeLensHost } from '../host';
import { failed, type Outcome } from './outcome';

type Choice = 'sentiment' | 'ner' | 'both';

const CHOICES: Array<vscode.QuickPickItem & { choice: Choice }> = [
  { choice: 'both', label: 'Sentiment and NER', detail: 'Pooling heads on the sentiment data, fusion heads on the NER data.' },
  { choice: 'sentiment', label: 'Sentiment', detail: 'One pooling head per pooling strategy shown.' },
  { choice: 'ner', label: 'NER', detail: 'One fusion head per fusion strategy shown, and the hover strategy.' },
];

const TASKS: Record<Choice, TrainTask[]> = { both: ['sentiment', 'ner'], sentiment: ['sentiment'], ner: ['ner'] };

/**
 * Probe Lens: Train Probes — asks which task (or takes it as the argument: 'sentiment', 'ner' or 'both') and
 * trains its probes for every configured encoder.
 */
export function registerTrainProbes(host: ProbeLensHost): vscode.Disposable {
  return vscode.commands.registerCommand('probeLens.trainProbes', async (argument?: unknown): Promise<Outcome<TrainResponse>> => {
    let choice: Choice | undefined;
    if (argument === 'sentiment' || argument === 'ner' || argument === 'both') choice = argument;
    else {
      const picked = await vscode.window.showQuickPick(CHOICES, { title: 'Probe Lens: train probes for', placeHolder: 'Which task?' });
      choice = picked?.choice;
    }
    if (!choice) return failed('cancelled', 'No task was picked.');
    return host.training.train(TASKS[choice]);
  });
}
