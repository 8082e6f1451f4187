import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TagResponse } from '../protocol/worker';
import { EntityDecorations } from './entities/entity-decorations';
import { SweepRunner } from './layers/sweep-runner';
import { LineTagsCache } from './hover/line-tags-cache';
import { NerProbeIndex } from './hover/ner-probe-index';
import { Log } from './log';
import { PanelManager } from './panel';
import { runtimeOptions } from './runtime';
import { SettingsReader } from './settings/read-settings';
import { ActivityStatus } from './status-bar';
import { storagePaths, type StoragePaths } from './storage';
import { SupersedingLane } from './superseding-lane';
import { TrainingRunner } from './training/training-runner';
import { WorkerClient } from './worker-client';

/** Settings whose change means the loaded encoders are no longer the configured ones. */
const ENCODER_SETTINGS = ['encoders', 'dtype', 'offline', 'modelsRoot', 'threads', 'executionProvider'].map((key) => `probeLens.${key}`);

/**
 * The extension's long-lived parts, created at activation (none of them loads a model or starts the worker)
 * and handed to the commands, the hover and the panel.
 */
export class ProbeLensHost implements vscode.Disposable {
  readonly log = new Log();
  readonly settings = new SettingsReader((line) => this.log.info(line));
  readonly status = new ActivityStatus();
  readonly storage: StoragePaths;
  readonly worker: WorkerClient;
  readonly panel: PanelManager;
  readonly compareLane = new SupersedingLane();
  readonly entitiesLane = new SupersedingLane();
  readonly hoverTags = new LineTagsCache<TagResponse>();
  readonly nerProbes: NerProbeIndex;
  readonly entities = new EntityDecorations();
  readonly training: TrainingRunner;
  readonly sweeps: SweepRunner;
  /** Where the last layer sweep is kept (see layer-sweeps-file). */
  readonly layerSweepsFile: string;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(context: vscode.ExtensionContext) {
    this.storage = storagePaths(context.globalStorageUri.fsPath);
    this.nerProbes = new NerProbeIndex(this.storage.probesRoot);
    this.worker = new WorkerClient(
      path.join(context.extensionPath, 'dist', 'worker.js'),
      () => runtimeOptions(this.settings.read(), this.storage, this.workspaceRoot()),
      (line) => this.log.info(line),
    );
    const services = { settings: this.settings, worker: this.worker, status: this.status, log: this.log, workspaceRoot: () => this.workspaceRoot() };
    this.training = new TrainingRunner({ ...services, probesChanged: () => this.probesChanged() });
    this.panel = new PanelManager(context.extensionUri, (line) => this.log.info(line));
    this.layerSweepsFile = path.join(context.globalStorageUri.fsPath, 'layer-sweeps.json');
    this.sweeps = new SweepRunner({ ...services, panel: this.panel }, this.layerSweepsFile);
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (ENCODER_SETTINGS.some((key) => event.affectsConfiguration(key))) void this.reloadEncoders('the encoder settings changed');
        if (event.affectsConfiguration('probeLens.hover')) this.hoverTags.clear();
      }),
    );
  }

  workspaceRoot(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  /** Trained probes changed on disk: drop every answer computed with the old ones. */
  probesChanged(): void {
    this.hoverTags.clear();
    this.nerProbes.invalidate();
  }

  /** Frees the loaded encoders and probes; the next request loads them as the settings now say. */
  async reloadEncoders(why: string): Promise<void> {
    this.hoverTags.clear();
    this.nerProbes.invalidate();
    if (!this.worker.isRunning) return;
    this.log.info(`reloading encoders: ${why}`);
    try {
      await this.worker.request({ kind: 'reset' });
    } catch (error) {
      this.log.error(`could not reset the worker: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
    this.entities.dispose();
    this.status.dispose();
    this.settings.dispose();
    this.log.dispose();
    void this.worker.dispose();
  }
}
