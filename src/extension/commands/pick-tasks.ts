import * as vscode from 'vscode';
import type { TrainTask } from '../../protocol/worker';

type Choice = 'sentiment' | 'ner' | 'both';

const TASKS: Record<Choice, TrainTask[]> = { both: ['sentiment', 'ner'], sentiment: ['sentiment'], ner: ['ner'] };
const LABELS: Record<Choice, string> = { both: 'Sentiment and NER', sentiment: 'Sentiment', ner: 'NER' };

/**
 * The tasks a command works on: its argument when it is 'sentiment', 'ner' or 'both', else the user's pick
 * (each choice with what it does: `details`); undefined when the pick was dismissed.
 */
export async function pickTasks(argument: unknown, title: string, details: Readonly<Record<Choice, string>>): Promise<TrainTask[] | undefined> {
  if (argument === 'sentiment' || argument === 'ner' || argument === 'both') return TASKS[argument];
  const choices = (['both', 'sentiment', 'ner'] as const).map((choice) => ({ choice, label: LABELS[choice], detail: details[choice] }));
  const picked = await vscode.window.showQuickPick(choices, { title, placeHolder: 'Which task?' });
  return picked && TASKS[picked.choice];
}
