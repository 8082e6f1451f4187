import * as vscode from 'vscode';
import type { TrainResponse, TrainTask } from '../../protocol/worker';
import { failed, type Outcome } from '../commands/outcome';
import { failureMessage, reportFailure } from '../failures';
import type { Log } from '../log';
import type { SettingsReader } from '../settings/read-settings';
import type { ActivityStatus } from '../status-bar';
import { isCancelledError, WorkerError, type WorkerClient } from '../worker-client';
import { requestWithProgress } from '../progress-notification';
import { askToTrain } from './ask-to-train';
import { trainRequest } from './train-request';
import { trainingReport, trainingSummary } from './training-summary';

/** What training uses of the extension, and nothing more. */
export interface TrainingDeps {
  settings: SettingsReader;
  worker: WorkerClient;
  status: ActivityStatus;
  log: Log;
  workspaceRoot: () => string | undefined;
  /** Called when trained probes may have changed on disk (training ended, however it ended). */
  probesChanged: () => void;
}

const TASK_TITLES: Record<string, string> = { sentiment: 'sentiment', ner: 'NER', 'sentiment,ner': 'sentiment and NER' };

/**
 * Trains probes in the worker behind a cancellable progress notification (data download, features, then
 * heads epoch by epoch). One training at a time: asking again while one runs says so instead of queueing.
 */
export class TrainingRunner {
  private running: Promise<Outcome<TrainResponse>> | undefined;
  private controller: AbortController | undefined;

  constructor(private readonly deps: TrainingDeps) {}

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /**
   * Tells the user why a result is incomplete and offers to train `tasks` (see askToTrain); resolves true
   * when the user accepts. Never offers while a training runs.
   */
  offer(tasks: TrainTask[], reason: string): Promise<boolean> {
    if (this.isRunning) return Promise.resolve(false);
    return askToTrain(this.deps.settings.read(), this.deps.workspaceRoot(), tasks, reason);
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
    const { deps } = this;
    const settings = deps.settings.read();
    const request = trainRequest(tasks, settings, deps.workspaceRoot());
    const title = `Probe Lens: training ${TASK_TITLES[tasks.join(',')] ?? tasks.join(', ')} probes`;
    const activity = deps.status.start('training probes');
    const started = Date.now();
    deps.log.info(`${title} for ${request.encoders.map((e) => e.name).join(', ')} (few-shot ${request.fewShotSize}, seed ${request.seed})`);
    try {
      const controller = new AbortController();
      this.controller = controller;
      const response = await requestWithProgress(deps.worker, request, title, activity, controller);
      deps.probesChanged();
      trainingReport(response).forEach((line) => deps.log.info(line));
      const downloaded = response.downloaded.map((d) => `${d.title} (${d.licence})`);
      const extra = [...(downloaded.length > 0 ? [`Downloaded ${downloaded.join('; ')}.`] : []), ...response.notices];
      void vscode.window
        .showInformationMessage(`Probe Lens: ${trainingSummary(response, (Date.now() - started) / 1000)} ${extra.join(' ')}`.trim(), 'Show Details')
        .then((choice) => choice && deps.log.show());
      return { ok: true, value: response };
    } catch (error) {
      // Probes that finished before a cancel or failure were saved whole (and may have replaced older ones).
      deps.probesChanged();
      if (isCancelledError(error)) {
        const message = 'Training cancelled. Probes finished before the cancel were kept; none was left half-written.';
        deps.log.info(message);
        void vscode.window.showInformationMessage(`Probe Lens: ${message}`);
        return failed('cancelled', message);
      }
      reportFailure(error, deps.log, 'training');
      return failed('failed', failureMessage(error), error instanceof WorkerError ? error.code : undefined);
    } finally {
      this.controller = undefined;
      activity.end();
    }
  }
}
