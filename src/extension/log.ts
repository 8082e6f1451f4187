import * as vscode from 'vscode';

/** The "Probe Lens" output channel, created on first use (activation stays cheap). */
export class Log implements vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;

  private get output(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel('Probe Lens', { log: true });
    return this.channel;
  }

  info(line: string): void {
    this.output.info(line);
  }

  error(line: string): void {
    this.output.error(line);
  }

  show(): void {
    this.output.show(true);
  }

  dispose(): void {
    this.channel?.dispose();
  }
}
