import * as vscode from 'vscode';
import { parseSettings, SETTINGS_SECTION, type ProbeLensSettings } from './parse-settings';

/**
 * Reads the settings fresh on every call (they are cheap to read, so a change applies to the next request
 * without a reload). Each invalid value is reported once as a warning until the configuration changes.
 */
export class SettingsReader implements vscode.Disposable {
  private reported = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: (line: string) => void) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) this.reported.clear();
    });
  }

  read(): ProbeLensSettings {
    const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const { settings, problems } = parseSettings((key) => configuration.get(key));
    for (const problem of problems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      this.log(`settings: ${problem}`);
      void vscode.window.showWarningMessage(`Probe Lens: ${problem}`, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS_SECTION);
      });
    }
    return settings;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
