import * as vscode from 'vscode';

export interface Activity {
  update(message: string): void;
  end(): void;
}

/**
 * One status bar item: the latest thing loading or running, with a spinner; idle, just "Probe Lens".
 * Clicking it opens the panel. Quick work (a hover on a warm encoder) never flickers: an activity appears
 * only once it has run for `quietMs`.
 */
export class ActivityStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly activities = new Map<number, { message: string; visible: boolean }>();
  private nextId = 1;

  constructor() {
    this.item = vscode.window.createStatusBarItem('probeLens.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Probe Lens';
    this.item.command = 'probeLens.openPanel';
    this.render();
    this.item.show();
  }

  /** What the item shows now (for tests and the log). */
  get text(): string {
    return this.item.text;
  }

  start(message: string, quietMs = 0): Activity {
    const id = this.nextId++;
    const activity = { message, visible: quietMs === 0 };
    this.activities.set(id, activity);
    const timer =
      quietMs > 0
        ? setTimeout(() => {
            activity.visible = true;
            this.render();
          }, quietMs)
        : undefined;
    this.render();
    return {
      update: (next) => {
        activity.message = next;
        if (activity.visible) this.render();
      },
      end: () => {
        clearTimeout(timer);
        if (this.activities.delete(id)) this.render();
      },
    };
  }

  private render(): void {
    const visible = [...this.activities.values()].filter((a) => a.visible);
    const latest = visible.at(-1);
    if (!latest) {
      this.item.text = '$(telescope) Probe Lens';
      this.item.tooltip = 'Probe Lens: open the panel';
      return;
    }
    const short = latest.message.length > 48 ? `${latest.message.slice(0, 47)}…` : latest.message;
    this.item.text = `$(loading~spin) Probe Lens: ${short}`;
    this.item.tooltip = `${visible.map((a) => a.message).join('\n')}\n\nClick to open the panel.`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
