import * as vscode from 'vscode';
import type { CompareResult } from '../core/result';
import { encoderLabel } from '../core/encoder-label';
import type { TrainTask } from '../protocol/worker';
import { failed, type Outcome } from './commands/outcome';
import { failureMessage, reportFailure } from './failures';
import type { ProbeLensHost } from './host';
import type { TrainTaskChoice } from '../protocol/webview';
import { encoderSpecs } from './runtime';
import { isCancelledError, WorkerError } from './worker-client';

// The panel shows what is being probed while it loads; the full text comes with the result.
const PREVIEW_CHARS = 300;

/**
 * Compares every configured strategy of every configured encoder on `text` and shows it in the panel.
 * A newer comparison supersedes one still running (its worker request is cancelled and its outcome is
 * 'superseded'; the panel shows the newer one). When probes are missing, the result still shows what
 * exists and the user is offered training, after which the same text is compared again.
 */
export async function runCompare(host: ProbeLensHost, text: string): Promise<Outcome<CompareResult>> {
  const settings = host.settings.read();
  const encoders = encoderSpecs(settings, host.workspaceRoot());
  const names = encoders.map((e) => encoderLabel(e.name));
  const preview = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  host.panel.show(true);
  host.panel.post({ type: 'loading', text: preview, encoders: names });
  const activity = host.status.start('comparing');
  try {
    const { result, failedEncoders } = await host.compareLane.run((signal) =>
      host.worker.request(
        { kind: 'compare', text, encoders, pooling: settings.poolingStrategies, fusion: settings.fusionStrategies, maxChars: settings.maxCharacters },
        {
          signal,
          onProgress: ({ message }) => {
            activity.update(message);
            host.panel.post({ type: 'loading', text: preview, encoders: names, message });
          },
        },
      ),
    );
    host.panel.post({ type: 'result', result });
    for (const { encoder, error } of failedEncoders) {
      host.log.error(`compare: ${encoder}: ${error.message}`);
      void vscode.window.showWarningMessage(`Probe Lens: ${error.message}`);
    }
    offerMissingProbes(host, result, text);
    return { ok: true, value: result };
  } catch (error) {
    if (isCancelledError(error)) return failed('superseded', 'A newer comparison replaced this one.');
    const message = failureMessage(error);
    host.panel.post({ type: 'error', message });
    reportFailure(error, host.log, 'compare');
    return failed('failed', message, error instanceof WorkerError ? error.code : undefined);
  } finally {
    activity.end();
  }
}

function offerMissingProbes(host: ProbeLensHost, result: CompareResult, text: string): void {
  const missing = result.encoders.flatMap((encoder) => encoder.missing.map((m) => ({ ...m, encoder: encoder.encoder.name })));
  if (missing.length === 0) return;
  const tasks = [...new Set(missing.map((m) => m.task))].sort() as TrainTask[];
  const first = missing[0];
  void host.training.offer(tasks, `${encoderLabel(first.encoder)}: ${first.reason}`).then(async (accepted) => {
    if (accepted) await trainThenCompare(host, tasks, text);
  });
}

/** Trains, then compares `text` again when training finished (not when it was cancelled or failed). */
export async function trainThenCompare(host: ProbeLensHost, tasks: TrainTask[], text: string | undefined): Promise<void> {
  const outcome = await host.training.train(tasks);
  if (outcome.ok && text !== undefined) await runCompare(host, text);
}

/** The panel's "Train probes" button: trains, then compares the text of the result it was shown on. */
export function trainFromPanel(host: ProbeLensHost, task: TrainTaskChoice): Promise<void> {
  const tasks: TrainTask[] = task === 'both' ? ['sentiment', 'ner'] : [task];
  return trainThenCompare(host, tasks, host.panel.resultText);
}
