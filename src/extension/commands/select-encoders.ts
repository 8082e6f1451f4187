import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeEncoder, ENCODER_CATALOGUE } from '../../core/catalogue';
import { isHubId } from '../../core/encoders/model/hub';
import type { ProbeLensHost } from '../host';
import { LIMITS, SETTINGS_SECTION } from '../settings/parse-settings';
import { failed, type Outcome } from './outcome';

interface EncoderItem extends vscode.QuickPickItem {
  value?: string;
  add?: 'folder' | 'hub';
}

/**
 * Probe Lens: Select Encoders — a multi-pick of the catalogue's encoders and the configured ones, plus "model
 * folder…" and "hub id…" to add one; writes probeLens.encoders where it is set (workspace, else user
 * settings). With a list of names as the argument, writes that list without asking.
 */
export function registerSelectEncoders(host: ProbeLensHost): vscode.Disposable {
  return vscode.commands.registerCommand('probeLens.selectEncoders', async (argument?: unknown): Promise<Outcome<string[]>> => {
    const current = host.settings.read().encoders;
    let chosen: string[] | undefined;
    if (Array.isArray(argument)) {
      if (!argument.every((item) => typeof item === 'string' && item.trim() !== '') || argument.length === 0) {
        return failed('invalid', 'probeLens.selectEncoders takes a non-empty list of hub ids or folders.');
      }
      chosen = argument.map((item: string) => item.trim());
    } else {
      chosen = await pickEncoders(current);
    }
    if (!chosen) return failed('cancelled', 'Nothing was changed.');
    if (chosen.length === 0) {
      const message = 'Pick at least one encoder; the setting was not changed.';
      void vscode.window.showWarningMessage(`Probe Lens: ${message}`);
      return failed('invalid', message);
    }
    if (chosen.length > LIMITS.encoders.max) {
      void vscode.window.showWarningMessage(`Probe Lens: at most ${LIMITS.encoders.max} encoders are compared; keeping the first ${LIMITS.encoders.max}.`);
      chosen = chosen.slice(0, LIMITS.encoders.max);
    }
    const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const inspected = configuration.inspect('encoders');
    const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await configuration.update('encoders', chosen, target);
    host.log.info(`encoders set to ${chosen.join(', ')}`);
    return { ok: true, value: chosen };
  });
}

async function pickEncoders(current: readonly string[]): Promise<string[] | undefined> {
  const catalogueIds = new Set(ENCODER_CATALOGUE.map((entry) => entry.id));
  const items: EncoderItem[] = [
    { label: 'Known encoders', kind: vscode.QuickPickItemKind.Separator },
    ...ENCODER_CATALOGUE.map((entry) => ({
      label: entry.id,
      description: entry.defaultFor ? `default ${entry.defaultFor}` : undefined,
      detail: describeEncoder(entry),
      picked: current.includes(entry.id),
      value: entry.id,
    })),
  ];
  const custom = current.filter((name) => !catalogueIds.has(name));
  if (custom.length > 0) {
    items.push({ label: 'Configured', kind: vscode.QuickPickItemKind.Separator });
    items.push(...custom.map((name) => ({ label: path.basename(name), description: name, picked: true, value: name })));
  }
  items.push(
    { label: 'Add', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(folder) Model folder…', detail: 'A folder in the Hugging Face / Optimum ONNX layout (config.json, tokenizer.json, onnx/).', add: 'folder' },
    { label: '$(cloud-download) Hub id…', detail: 'A Hugging Face model id with ONNX weights, e.g. Xenova/bert-base-cased.', add: 'hub' },
  );
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Probe Lens: encoders to compare',
    placeHolder: `Pick up to ${LIMITS.encoders.max} encoders`,
  });
  if (!picked) return undefined;
  // Keep the configured order for encoders that stay, then the new ones in the order shown.
  const values = picked.flatMap((item) => (item.value ? [item.value] : []));
  const chosen = [...current.filter((name) => values.includes(name)), ...values.filter((name) => !current.includes(name))];
  for (const item of picked.filter((i) => i.add)) {
    const added = item.add === 'folder' ? await askFolder() : await askHubId();
    if (added && !chosen.includes(added)) chosen.push(added);
  }
  return chosen;
}

async function askFolder(): Promise<string | undefined> {
  const [folder] =
    (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Use this model folder', title: 'Probe Lens: model folder' })) ?? [];
  if (!folder) return undefined;
  if (!existsSync(path.join(folder.fsPath, 'config.json'))) {
    void vscode.window.showWarningMessage(
      `Probe Lens: ${folder.fsPath} has no config.json, so it is not a model folder (Hugging Face / Optimum layout); it was not added.`,
    );
    return undefined;
  }
  return folder.fsPath;
}

function askHubId(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Probe Lens: hub id',
    prompt: 'A Hugging Face model id with ONNX weights (onnx/model.onnx or onnx/decoder_model.onnx)',
    placeHolder: 'Xenova/bert-base-cased',
    validateInput: (value) => (isHubId(value.trim()) ? undefined : 'A hub id looks like "name" or "organisation/name".'),
  }).then((value) => value?.trim() || undefined);
}
