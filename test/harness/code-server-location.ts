import * as os from 'node:os';
import * as path from 'node:path';

/** The code-server scripts/setup.sh installs: a real VS Code 1.100 server (see TESTING-IN-REAL-VSCODE.md). */
export const CODE_SERVER_VERSION = '4.100.3';

/** Where scripts/setup.sh installs it; keep both in sync. */
export function codeServerHome(): string {
  const cacheHome = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return process.env.PROBE_LENS_CODE_SERVER_HOME ?? path.join(cacheHome, 'probe-lens', `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBinary(): string {
  return path.join(codeServerHome(), 'node_modules', '.bin', 'code-server');
}

/** Debian's Chromium, installed by scripts/setup.sh. */
export const CHROMIUM_PATH = process.env.PROBE_LENS_CHROMIUM ?? '/usr/bin/chromium';
