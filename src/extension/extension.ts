import * as vscode from 'vscode';
import type { HostMessage, LayerSweeps } from '../protocol/webview';
import { registerShowExperimentReport } from './commands/show-experiment-report';
import { registerClearCaches } from './commands/clear-caches';
import { registerComparePooling } from './commands/compare-pooling';
import { registerOpenPanel } from './commands/open-panel';
import { registerSelectEncoders } from './commands/select-encoders';
import { registerShowEntities } from './commands/show-entities';
import { registerSweepLayers } from './commands/sweep-layers';
import { registerTrainProbes } from './commands/train-probes';
import { ExperimentReportPanels, type ReportPanelSnapshot } from './experiments/report-panels';
import { trainFromPanel } from './compare';
import { ProbeLensHost } from './host';
import { NerHoverProvider } from './hover/ner-hover';
import { registerPanelSerializer } from './panel';
import type { StoragePaths } from './storage';

/** What activate returns: read-only views for tests and other extensions. */
export interface ProbeLensApi {
  /** The last message sent to the panel (a result, an error, loading...). */
  lastPanelMessage(): HostMessage | undefined;
  /** How many times the model worker was started (0: never used yet). */
  workerStarts(): number;
  statusText(): string;
  /** Cancels the training in progress, as the Cancel button of its notification does. */
  cancelTraining(): void;
  /** The layer sweep the panel's Layers section shows (the last Sweep Layers run, kept across reloads). */
  panelLayers(): LayerSweeps | undefined;
  /** Cancels the layer sweep in progress, as the Cancel button of its notification does. */
  cancelSweep(): void;
  /** Where the last layer sweep is kept. */
  layerSweepsFile: string;
  /** The open experiment report panels: each one's file and last message. */
  experimentReports(): ReportPanelSnapshot[];
  storage: StoragePaths;
}

let host: ProbeLensHost | undefined;

/**
 * Activation stays cheap: it registers commands, the hover, the panel serializer and a status bar item.
 * The model worker (and with it onnxruntime) starts on the first request that needs a model.
 */
export function activate(context: vscode.ExtensionContext): ProbeLensApi {
  const created = new ProbeLensHost(context);
  host = created;
  const reports = new ExperimentReportPanels(context.extensionUri, (line) => created.log.info(line));
  context.subscriptions.push(
    created,
    registerComparePooling(created),
    registerShowEntities(created),
    registerTrainProbes(created),
    registerSweepLayers(created),
    registerSelectEncoders(created),
    registerOpenPanel(created),
    registerClearCaches(created),
    registerPanelSerializer(created.panel),
    created.panel.onDidAskToTrain((task) => void trainFromPanel(created, task)),
    reports,
    registerShowExperimentReport(reports, created.log),
    reports.registerSerializer(),
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new NerHoverProvider(created)),
  );
  void created.sweeps.restore();
  return {
    lastPanelMessage: () => created.panel.lastMessage,
    workerStarts: () => created.worker.starts,
    statusText: () => created.status.text,
    cancelTraining: () => created.training.cancel(),
    panelLayers: () => created.panel.layers,
    cancelSweep: () => created.sweeps.cancel(),
    layerSweepsFile: created.layerSweepsFile,
    experimentReports: () => reports.snapshot(),
    storage: created.storage,
  };
}

/** Stops the worker thread (VS Code waits for the returned promise). */
export async function deactivate(): Promise<void> {
  await host?.worker.dispose();
  host = undefined;
}
