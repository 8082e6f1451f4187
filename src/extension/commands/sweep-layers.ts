import * as vscode from 'vscode';
import type { LayerSweeps } from '../../protocol/webview';
import type { ProbeLensHost } from '../host';
import { failed, type Outcome } from './outcome';
import { pickTasks } from './pick-tasks';

const DETAILS = {
  both: 'A linear probe per layer for each parameter-free pooling, and a token probe per layer for NER.',
  sentiment: 'A linear probe per layer for each parameter-free pooling (mean, max, cls, last, ...).',
  ner: "A linear probe per layer on each word's first-subword vector.",
};

/**
 * Probe Lens: Sweep Layers — asks which task (or takes it as the argument: 'sentiment', 'ner' or 'both') and
 * fits a linear probe per layer of every configured encoder; the curves go to the panel's Layers section.
 */
export function registerSweepLayers(host: ProbeLensHost): vscode.Disposable {
  return vscode.commands.registerCommand('probeLens.sweepLayers', async (argument?: unknown): Promise<Outcome<LayerSweeps>> => {
    const tasks = await pickTasks(argument, 'Probe Lens: sweep the layers for', DETAILS);
    if (!tasks) return failed('cancelled', 'No task was picked.');
    return host.sweeps.sweep(tasks);
  });
}
