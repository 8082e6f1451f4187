import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

// How often a results file on this machine is checked, as a safety net under VS Code's watcher.
const POLL_INTERVAL_MS = 1000;

/**
 * Calls `onEvent` whenever the results file may have changed, been created or been deleted.
 *
 * VS Code's watcher reports quickly, but for a file inside a workspace folder it relies on the workspace's
 * recursive watcher, which can miss a folder created in quick succession with its parent (the experiment's
 * `mkdir -p` of its --out folder) and then never report that folder's files. A file on this machine is
 * therefore also polled: one stat a second, which survives the folder's deletion and re-creation. Both may
 * report the same write: the caller debounces.
 */
export function watchResultsFile(uri: vscode.Uri, onEvent: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), watchPattern(uri)));
  const poll = uri.scheme === 'file' ? new FilePoll(uri.fsPath, onEvent) : undefined;
  const ifThisFile = (changed: vscode.Uri) => {
    if (changed.toString() !== uri.toString()) return;
    poll?.resync();
    onEvent();
  };
  const disposables = [watcher, watcher.onDidChange(ifThisFile), watcher.onDidCreate(ifThisFile), watcher.onDidDelete(ifThisFile)];
  return vscode.Disposable.from(...disposables, ...(poll ? [poll] : []));
}

/** Reports when the file's identity, size or modification time differs from the last state it knows. */
class FilePoll implements vscode.Disposable {
  private seen: string;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly file: string,
    private readonly onEvent: () => void,
  ) {
    this.seen = fileState(file);
    this.timer = setInterval(() => this.check(), POLL_INTERVAL_MS);
    // The poll never keeps the extension host alive on its own.
    this.timer.unref();
  }

  /**
   * Takes the file as it is now, after VS Code's watcher reported it. Without this, a file re-created and
   * deleted again between two polls would look unchanged to the poll (missing both times) while the panel
   * shows the re-created file.
   */
  resync(): void {
    this.seen = fileState(this.file);
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const now = fileState(this.file);
    if (now === this.seen) return;
    this.seen = now;
    this.onEvent();
  }
}

/** Identity, size and modification time; a rewrite in place, a replacement by rename and a deletion all change it. */
function fileState(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** The file's own name as a glob when it has no glob characters; else every file of the folder (events are filtered by URI). */
function watchPattern(uri: vscode.Uri): string {
  const name = path.posix.basename(uri.path);
  return /^[\w.@ -]+$/.test(name) ? name : '*';
}
