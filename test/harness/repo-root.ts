import * as fs from 'node:fs';
import * as path from 'node:path';

/** The checkout's root: the nearest folder above this file holding the extension's package.json. */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src', 'extension'))) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`no Probe Lens checkout above ${start}`);
    }
  }
}

// Works both from the sources (test/harness) and from the bundles (out/test/harness).
export const REPO_ROOT = findRepoRoot(__dirname);
