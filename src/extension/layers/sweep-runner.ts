import * as vscode from 'vscode';
import { encoderLabel } from '../../core/encoder-label';
import { layerName } from '../../core/probing/sweep-tables';
import type { LayerSweeps } from '../../protocol/webview';
import type { SweepResponse, TrainTask, WorkerRequestOf } from '../../protocol/worker';
import { failed, type Outcome } from '../commands/outcome';
import { failureMessage, reportFailure } from '../failures';
import type { PanelManager } from '../panel';
import { encoderSpecs, trainingSource } from '../runtime';
import type { ProbeLensSettings } from '../settings/parse-settings';
import { isCancelledError, WorkerError } from '../worker-client';
import { requestWithProgress } from '../progress-notification';
import type { TrainingDeps } from '../training/training-runner';
import { readLayerSweeps, writeLayerSweeps } from './layer-sweeps-file';
import { TASK_NAMES } from '../../core/task';

/** What to sweep for `tasks`: every configured encoder, on the data and sample Train Probes uses. */
export function sweepRequest(tasks: TrainTask[], settings: ProbeLensSettings, workspaceRoot: string | undefined): WorkerRequestOf<'sweep'> {
  return {
    kind: 'sweep',
    encoders: encoderSpecs(settings, workspaceRoot),
    tasks,
    data: { sentiment: trainingSource('sentiment', settings, workspaceRoot), ner: trainingSource('ner', settings, workspaceRoot) },
    fewShotSize: settings.training.fewShotSize,
    seed: settings.training.seed,
  };
}

/**
 * Runs layer sweeps in the worker behind a cancellable progress notification, one at a time; keeps the last
 * one on disk (see layer-sweeps-file) and in the panel's Layers section.
 */
/** What a sweep uses of the host: training's services, and the panel it shows the sweep in. */
export type SweepDeps = Omit<TrainingDeps, 'probesChanged'> & { panel: Pick<PanelManager, 'postLayers' | 'show'> };

export class SweepRunner {
  private running: Promise<Outcome<LayerSweeps>> | undefined;
  private controller: AbortController | undefined;
  private last: LayerSweeps | undefined;

  constructor(
    private readonly host: SweepDeps,
    private readonly file: string,
  ) {}

  /** The last sweep, as the panel shows it. */
  get layers(): LayerSweeps | undefined {
    return this.last;
  }

  /** Reads the sweep a previous session kept, and shows it in the panel (a damaged file is logged, not fatal). */
  async restore(): Promise<void> {
    try {
      const saved = await readLayerSweeps(this.file);
      if (saved && !this.last) this.show(saved);
    } catch (error) {
      this.host.log.error(`layer sweeps: ${(error as Error).message}`);
    }
  }

  /** Cancels the sweep in progress, as its notification's Cancel button does. */
  cancel(): void {
    this.controller?.abort();
  }

  sweep(tasks: TrainTask[]): Promise<Outcome<LayerSweeps>> {
    if (this.running) {
      const message = 'A layer sweep is already running; wait for it to finish or cancel it in its notification.';
      void vscode.window.showInformationMessage(`Probe Lens: ${message}`);
      return Promise.resolve(failed('busy', message));
    }
    this.running = this.run(tasks).finally(() => (this.running = undefined));
    return this.running;
  }

  private show(layers: LayerSweeps): void {
    this.last = layers;
    this.host.panel.postLayers(layers);
  }

  private async run(tasks: TrainTask[]): Promise<Outcome<LayerSweeps>> {
    const { host } = this;
    const settings = host.settings.read();
    const request = sweepRequest(tasks, settings, host.workspaceRoot());
    const title = `Probe Lens: sweeping the layers (${tasks.map((t) => TASK_NAMES[t]).join(' and ')})`;
    const activity = host.status.start('sweeping layers');
    host.log.info(`${title} of ${request.encoders.map((e) => e.name).join(', ')} (few-shot ${request.fewShotSize}, seed ${request.seed})`);
    try {
      const controller = new AbortController();
      this.controller = controller;
      const response = await requestWithProgress(host.worker, request, title, activity, controller);
      const layers: LayerSweeps = { finished: new Date().toISOString(), fewShotSize: request.fewShotSize, sweeps: response.sweeps, skipped: response.skipped };
      this.show(layers);
      host.panel.show(true);
      try {
        await writeLayerSweeps(this.file, layers);
      } catch (error) {
        host.log.error(`layer sweeps: could not keep the sweep in ${this.file}: ${(error as Error).message}`);
      }
      this.announce(response);
      return { ok: true, value: layers };
    } catch (error) {
      if (isCancelledError(error)) {
        const message = 'Layer sweep cancelled; the Layers section keeps the previous sweep.';
        host.log.info(message);
        void vscode.window.showInformationMessage(`Probe Lens: ${message}`);
        return failed('cancelled', message);
      }
      reportFailure(error, host.log, 'layer sweep');
      return failed('failed', failureMessage(error), error instanceof WorkerError ? error.code : undefined);
    } finally {
      this.controller = undefined;
      activity.end();
    }
  }

  /** The best layer of each sweep in the log and a notification; skipped encoders as a warning. */
  private announce(response: SweepResponse): void {
    const { log } = this.host;
    const lines = response.sweeps.map(({ encoder, task, sweep }) => {
      const best = sweep.strategies.map((s) => `${s.strategy} ${layerName(s.bestLayer)}`).join(', ');
      return `${encoderLabel(encoder)} · ${TASK_NAMES[task]}: best layer ${best} (${(sweep.durationMs / 1000).toFixed(1)} s)`;
    });
    lines.forEach((line) => log.info(`layer sweep: ${line}`));
    const downloaded = response.downloaded.map((d) => `Downloaded ${d.title} (${d.licence}).`);
    void vscode.window.showInformationMessage(`Probe Lens: layers swept. ${[...lines.map((l) => `${l}.`), ...downloaded, ...response.notices].join(' ')}`.trim());
    for (const { message } of response.skipped) {
      log.info(`layer sweep: ${message}`);
      void vscode.window.showWarningMessage(`Probe Lens: ${message}`);
    }
  }
}
