import * as vscode from 'vscode';
import type { TrainResponse, TrainTask } from '../../protocol/worker';
import { failed, type Outcome } from '../commands/outcome';
import { failureMessage, reportFailure } from '../failures';
import type { ProbeLensHost } from '../host';
import { isCancelledError, WorkerError } from '../worker-client';
import { trainRequest } from './train-request';
import { trainingReport, trainingSummary } from './training-summary';

const TASK_TITLES: Record<string, string> = { sentiment: 'sentiment', ner: 'NER', 'sentiment,ner': 'sentiment and NER' };

/**
 * Trains probes in the worker behind a cancellable progress notification (data download, features, then
 * heads epoch by epoch). One training at a time: asking again while one runs says so instead of queueing.
 */
export class TrainingRunner {
  private running: Promise<Outcome<TrainResponse>> | undefined;
  private controller: AbortController | undefined;

  constructor(private readonly host: ProbeLensHost) {}

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Cancels the training in progress, as its notification's Cancel button does. */
  cancel(): void {
    this.controller?.abort();
  }

  train(tasks: TrainTask[]): Promise<Outcome<TrainResponse>> {
    if (this.running) {
      const message = 'Probes are already being trained; wait for that to finish or cancel it in its notification.';
      void vscode.window.showInformationMessage(`Probe Lens: ${message}`);
      return Promise.resolve(failed('busy', message));
    }
    this.running = this.run(tasks).finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(tasks: TrainTask[]): Promise<Outcome<TrainResponse>> {
    const { host } = this;
    const settings = host.settings.read();
    const request = trainRequest(tasks, settings, host.workspaceRoot());
    const title = `Probe Lens: training ${TASK_TITLES[tasks.join(',')] ?? tasks.join(', ')} probes`;
    const activity = host.status.start('training probes');
    const started = Date.now();
    host.log.info(`${title} for ${request.encoders.map((e) => e.name).join(', ')} (few-shot ${request.fewShotSize}, seed ${request.seed})`);
    try {
      const response = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          this.controller = controller;
          token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          return host.worker.request(request, {
            signal: controller.signal,
            onProgress: ({ message, fraction }) => {
              activity.update(message);
              const percent = fraction === undefined ? reported : Math.min(100, fraction * 100);
              progress.report({ message, increment: Math.max(0, percent - reported) });
              reported = Math.max(reported, percent);
            },
          });
        },
      );
      host.probesChanged();
      trainingReport(response).forEach((line) => host.log.info(line));
      const downloaded = response.downloaded.map((d) => `${d.title} (${d.licence})`);
      const extra = [...(downloaded.length > 0 ? [`Downloaded ${downloaded.join('; ')}.`] : []), ...response.notices];
      void vscode.window
        .showInformationMessage(`Probe Lens: ${trainingSummary(response, (Date.now() - started) / 1000)} ${extra.join(' ')}`.trim(), 'Show Details')
        .then((choice) => choice && host.log.show());
      return { ok: true, value: response };
    } catch (error) {
      // Probes that finished before a cancel or failure were saved whole (and may have replaced older ones).
      host.probesChanged();
      if (isCancelledError(error)) {
        const message = 'Training cancelled. Probes finished before the cancel were kept; none was left half-written.';
        host.log.info(message);
        void vscode.window.showInformationMessage(`Probe Lens: ${message}`);
        return failed('cancelled', message);
      }
      reportFailure(error, host.log, 'training');
      return failed('failed', failureMessage(error), error instanceof WorkerError ? error.code : undefined);
    } finally {
      this.controller = undefined;
      activity.end();
    }
  }
}
