import * as os from 'node:os';
import * as path from 'node:path';
import { findEncoder } from '../core/catalogue';
import { isHubId } from '../core/encoders/model/hub';
import { resolveThreads } from '../core/encoders/session/session-options';
import type { EncoderSpec, RuntimeOptions, TrainingSource, TrainTask } from '../worker/protocol';
import type { ProbeLensSettings } from './settings/parse-settings';
import type { StoragePaths } from './storage';

/**
 * Turns settings into what the worker needs. Paths in settings may be absolute, start with ~, or be relative
 * to the first workspace folder (the worker's working directory is the editor's, which means nothing to the
 * user). A value that reads as a hub id ("org/name") is a hub id unless it starts with "." or "~".
 */

export function resolveUserPath(value: string, workspaceRoot: string | undefined): string {
  if (value === '~' || value.startsWith('~/')) return path.join(os.homedir(), value.slice(1));
  if (path.isAbsolute(value)) return path.normalize(value);
  return path.resolve(workspaceRoot ?? os.homedir(), value);
}

export function isFolderSetting(value: string): boolean {
  return !isHubId(value) || value.startsWith('.') || value.startsWith('~');
}

export function encoderSpecs(settings: ProbeLensSettings, workspaceRoot: string | undefined): EncoderSpec[] {
  return settings.encoders.map((entry) => encoderSpec(entry, settings, workspaceRoot));
}

export function encoderSpec(entry: string, settings: ProbeLensSettings, workspaceRoot: string | undefined): EncoderSpec {
  const name = isFolderSetting(entry) ? resolveUserPath(entry, workspaceRoot) : entry;
  // 'auto': the catalogue's dtype for known hub models (q8: a quarter of the download); else the loader's choice.
  const dtype = settings.dtype === 'auto' ? findEncoder(entry)?.defaultDtype : settings.dtype;
  return dtype ? { name, dtype } : { name };
}

export function runtimeOptions(settings: ProbeLensSettings, storage: StoragePaths, workspaceRoot: string | undefined): RuntimeOptions {
  return {
    ...storage,
    offline: settings.offline,
    // 0 (the default): the thread count the benchmark found best, every core but one.
    threads: resolveThreads(settings.threads),
    provider: settings.executionProvider,
    ...(settings.modelsRoot ? { modelsRoot: resolveUserPath(settings.modelsRoot, workspaceRoot) } : {}),
  };
}

/** The configured training data of a task: local files when set, else the default public dataset. */
export function trainingSource(task: TrainTask, settings: ProbeLensSettings, workspaceRoot: string | undefined): TrainingSource {
  const t = settings.training;
  const [train, dev] = task === 'sentiment' ? [t.sentimentTrainFile, t.sentimentDevFile] : [t.nerTrainFile, t.nerDevFile];
  const named = task === 'sentiment' && Object.keys(t.sentimentLabelNames).length > 0 ? { labelNames: t.sentimentLabelNames } : {};
  if (train !== '') {
    const files: TrainingSource = { kind: 'files', train: resolveUserPath(train, workspaceRoot), ...named };
    return dev === '' ? files : { ...files, dev: resolveUserPath(dev, workspaceRoot) };
  }
  const dataset = task === 'sentiment' ? 'sst2' : t.nerDataset;
  return { kind: 'default', dataset, ...(t.datasetBaseUrl ? { baseUrl: t.datasetBaseUrl } : {}), ...named };
}
