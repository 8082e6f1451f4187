import * as vscode from 'vscode';
import type { WorkerRequest, WorkerResponse } from '../protocol/worker';
import type { Activity } from './status-bar';
import type { WorkerClient } from './worker-client';

/**
 * Runs a long worker request behind a progress notification with a Cancel button: the worker's messages go to
 * the notification and the status bar activity, its fractions move the bar. `cancel` aborts it as the button
 * does (held by the caller for its own cancel command until the request ends).
 */
export function requestWithProgress<R extends WorkerRequest>(
  worker: WorkerClient,
  request: R,
  title: string,
  activity: Activity,
  controller: AbortController,
): Thenable<WorkerResponse<R['kind']>> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    token.onCancellationRequested(() => controller.abort());
    let reported = 0;
    return worker.request(request, {
      signal: controller.signal,
      onProgress: ({ message, fraction }) => {
        activity.update(message);
        const percent = fraction === undefined ? reported : Math.min(100, fraction * 100);
        progress.report({ message, increment: Math.max(0, percent - reported) });
        reported = Math.max(reported, percent);
      },
    });
  });
}
