/** What the workbench should load besides the folder: the `?payload=` keys test-electron passes as flags. */
export interface ExtensionTestPayload {
  /** Absolute path of the extension under development (its package.json folder). */
  extensionDevelopmentPath: string;
  /** Absolute path of the compiled test index exporting `run()`. */
  extensionTestsPath: string;
}

/**
 * The workbench address for `folder`. With a payload, VS Code loads the extension from its sources and
 * runs its tests in the real extension host, exactly as `--extensionDevelopmentPath` does on desktop.
 */
export function workbenchUrl(origin: string, folder: string, payload?: ExtensionTestPayload): string {
  const url = new URL(origin);
  url.searchParams.set('folder', folder);
  if (payload) {
    // The paths live on the server side of the remote connection: vscode-remote://host:port/abs/path.
    const remote = (absolutePath: string) => `vscode-remote://${url.host}${absolutePath}`;
    url.searchParams.set(
      'payload',
      JSON.stringify([
        ['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)],
        ['extensionTestsPath', remote(payload.extensionTestsPath)],
      ]),
    );
  }
  return url.toString();
}
