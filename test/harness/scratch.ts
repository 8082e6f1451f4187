import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './repo-root';

/** Every file a test run writes lives under here (git-ignored); PROBE_LENS_SCRATCH moves it. */
export const SCRATCH_ROOT = process.env.PROBE_LENS_SCRATCH ?? path.join(REPO_ROOT, '.scratch');
const RUN_DIR = /^run-\d+$/;
const OWNER_FILE = 'owner.json';
// Linux limits a Unix socket's path to 107 bytes, and code-server and Chromium put theirs in TMPDIR
// (`vscode-ipc-<uuid>.sock`): hence the short folder names below.
const MAX_SOCKET_PATH = 107;
const LONGEST_SOCKET_NAME = 'vscode-ipc-00000000-0000-0000-0000-000000000000.sock';

/** One run's private folders: code-server and Chromium see only these as home, temp and profile. */
export interface ScratchRun {
  /** What runs in it ("integration", "ui"); shown in its owner file. */
  mode: string;
  dir: string;
  home: string;
  tmp: string;
  userData: string;
  extensions: string;
  workspace: string;
  serverLog: string;
  /** HOME, TMPDIR and XDG_* pointing into the run, for the processes the harness starts. */
  env: NodeJS.ProcessEnv;
}

interface Owner {
  mode: string;
  harnessPid: number;
}

export function createScratchRun(mode: string): ScratchRun {
  reapAbandonedRuns();
  const dir = path.join(SCRATCH_ROOT, `run-${process.pid}`);
  const socket = path.join(dir, 't', LONGEST_SOCKET_NAME);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    throw new Error(
      `the checkout's path is too long for the Unix sockets code-server creates (${socket}); ` +
        'set PROBE_LENS_SCRATCH to a shorter folder, e.g. PROBE_LENS_SCRATCH=/tmp/pl',
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const folder = (...parts: string[]) => {
    const full = path.join(dir, ...parts);
    fs.mkdirSync(full, { recursive: true, mode: 0o700 });
    return full;
  };
  const run: ScratchRun = {
    mode,
    dir: folder(),
    home: folder('home'),
    tmp: folder('t'),
    userData: folder('user-data'),
    extensions: folder('extensions'),
    workspace: folder('workspace'),
    serverLog: path.join(dir, 'code-server.log'),
    env: {},
  };
  run.env = {
    ...process.env,
    HOME: run.home,
    TMPDIR: run.tmp,
    XDG_CONFIG_HOME: folder('xdg', 'config'),
    XDG_DATA_HOME: folder('xdg', 'data'),
    XDG_CACHE_HOME: folder('xdg', 'cache'),
    XDG_STATE_HOME: folder('xdg', 'state'),
    // Sockets go here too when it is set: keep it as short as TMPDIR.
    XDG_RUNTIME_DIR: run.tmp,
  };
  writeOwner(run, { mode, harnessPid: process.pid });
  return run;
}

export function removeScratchRun(run: ScratchRun): void {
  fs.rmSync(run.dir, { recursive: true, force: true });
}

function writeOwner(run: ScratchRun, owner: Owner): void {
  fs.writeFileSync(path.join(run.dir, OWNER_FILE), JSON.stringify(owner));
}

function readOwner(dir: string): Owner | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8')) as Owner;
  } catch {
    return undefined; // a half-created folder
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs whose harness died without cleaning up (SIGKILL, power loss): stop whatever still runs for them
 * (code-server, its extension host, Chromium), then delete their folder. Runs of live harnesses (a
 * parallel run) are left alone.
 */
function reapAbandonedRuns(): void {
  if (!fs.existsSync(SCRATCH_ROOT)) return;
  for (const name of fs.readdirSync(SCRATCH_ROOT).filter((entry) => RUN_DIR.test(entry))) {
    const dir = path.join(SCRATCH_ROOT, name);
    const owner = readOwner(dir);
    if (owner && owner.harnessPid !== process.pid && isAlive(owner.harnessPid)) continue;
    killProcessesOf(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every process the harness starts gets HOME inside its run folder, and its children inherit it: that
 * identifies them for sure, whatever became of their parents or process group.
 */
function killProcessesOf(dir: string): void {
  const marker = `HOME=${path.join(dir, 'home')}\0`;
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (`\0${fs.readFileSync(`/proc/${pid}/environ`, 'utf8')}`.includes(`\0${marker}`)) {
        process.kill(Number(pid), 'SIGKILL');
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
}
