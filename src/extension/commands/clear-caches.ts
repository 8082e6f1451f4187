import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { formatBytes } from '../../core/format-bytes';
import { folderSize } from '../folder-size';
import type { ProbeLensHost } from '../host';
import { CACHE_DESCRIPTIONS, CACHE_KINDS, cacheFolder, type CacheKind } from '../storage';
import { failed, type Outcome } from './outcome';

interface CacheItem extends vscode.QuickPickItem {
  cache: CacheKind;
}

const DELETE_PROBES = 'Delete Probes';

/**
 * Probe Lens: Clear Caches — picks which of Probe Lens' folders to delete (every cache is pre-selected,
 * trained probes are not) and deletes them after freeing the loaded encoders. Trained probes are deleted
 * only after a modal confirmation, also when they are named in the argument (a list of cache kinds).
 * Settings are never touched.
 */
export function registerClearCaches(host: ProbeLensHost): vscode.Disposable {
  return vscode.commands.registerCommand('probeLens.clearCaches', async (argument?: unknown): Promise<Outcome<{ cleared: CacheKind[]; bytes: number }>> => {
    if (host.training.isRunning) {
      const message = 'Probes are being trained from these caches; clear them after training ends.';
      void vscode.window.showWarningMessage(`Probe Lens: ${message}`);
      return failed('busy', message);
    }
    let kinds: CacheKind[] | undefined;
    if (Array.isArray(argument) && argument.length > 0 && argument.every((k) => CACHE_KINDS.includes(k as CacheKind))) {
      kinds = argument as CacheKind[];
    } else {
      kinds = await pickKinds(host);
    }
    if (!kinds || kinds.length === 0) return failed('cancelled', 'Nothing was cleared.');
    if (kinds.includes('probes')) {
      const confirmed = await vscode.window.showWarningMessage(
        'Probe Lens: delete every trained probe of every encoder? They must be trained again before comparing.',
        { modal: true },
        DELETE_PROBES,
      );
      if (confirmed !== DELETE_PROBES) kinds = kinds.filter((kind) => kind !== 'probes');
      if (kinds.length === 0) return failed('cancelled', 'Nothing was cleared.');
    }
    await host.reloadEncoders('clearing caches');
    let bytes = 0;
    for (const kind of kinds) {
      const folder = cacheFolder(host.storage, kind);
      bytes += await folderSize(folder);
      await fs.rm(folder, { recursive: true, force: true });
      host.log.info(`cleared ${folder}`);
    }
    host.probesChanged();
    const names = kinds.map((kind) => CACHE_DESCRIPTIONS[kind].label.toLowerCase()).join(', ');
    void vscode.window.showInformationMessage(`Probe Lens: cleared ${names} (${formatBytes(bytes)}).`);
    return { ok: true, value: { cleared: kinds, bytes } };
  });
}

async function pickKinds(host: ProbeLensHost): Promise<CacheKind[] | undefined> {
  const items: CacheItem[] = await Promise.all(
    CACHE_KINDS.map(async (kind) => ({
      cache: kind,
      label: CACHE_DESCRIPTIONS[kind].label,
      description: formatBytes(await folderSize(cacheFolder(host.storage, kind))),
      detail: CACHE_DESCRIPTIONS[kind].detail,
      picked: kind !== 'probes',
    })),
  );
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Probe Lens: clear caches' });
  return picked?.map((item) => item.cache);
}
