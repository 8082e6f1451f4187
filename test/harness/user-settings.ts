import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScratchRun } from './scratch';

/** A quiet workbench: no welcome page, tips, update or telemetry prompts in the way of the tests. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  // Narrow editors in screenshots: wrap lines rather than scroll sideways.
  'editor.wordWrap': 'on',
  'editor.minimap.enabled': false,
  // The test workspace sits inside this checkout's git repository: no offer to open it.
  'git.openRepositoryInParentFolders': 'never',
};

export function userSettingsPath(run: ScratchRun): string {
  return path.join(run.userData, 'User', 'settings.json');
}

/** Writes the fresh profile's settings; the running workbench watches this file and applies changes. */
export function writeUserSettings(run: ScratchRun, settings: Record<string, unknown> = {}): void {
  const file = userSettingsPath(run);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
}
