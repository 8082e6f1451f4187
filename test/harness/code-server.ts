import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { onCleanup } from './cleanup';
import { codeServerBinary } from './code-server-location';
import { withDeadline } from './deadline';
import { findFreePort } from './free-port';
import type { ScratchRun } from './scratch';

const READY_LINE = 'HTTP server listening';
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export interface CodeServer {
  /** `http://127.0.0.1:PORT`: webviews need a secure context, which 127.0.0.1 is and other addresses are not. */
  origin: string;
  /** The last lines code-server printed, for error messages. */
  logTail(lines?: number): string;
}

/**
 * Starts code-server in its own process group with the run's fresh user-data and extensions folders,
 * and waits until it serves. Fails with its log when it exits or stays silent instead.
 */
export async function startCodeServer(run: ScratchRun): Promise<CodeServer> {
  const binary = codeServerBinary();
  if (!fs.existsSync(binary)) {
    throw new Error(`code-server is not installed at ${binary}: run \`bash scripts/setup.sh\` first`);
  }
  const port = await findFreePort();
  const log = fs.createWriteStream(run.serverLog);
  let output = '';
  const child = spawn(
    binary,
    [
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--user-data-dir', run.userData,
      '--extensions-dir', run.extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    {
      cwd: run.workspace,
      // An empty gallery: this machine cannot reach open-vsx.org, so the workbench should not try.
      env: { ...run.env, EXTENSIONS_GALLERY: '{}' },
      // Its own process group, so stopping the group takes the extension host and every helper with it.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const group = child.pid;
  if (group === undefined) {
    throw new Error(`could not start ${binary}`);
  }
  onCleanup('stop code-server', () => stopGroup(child, group));
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    });
  }
  onCleanup('close the code-server log', () => new Promise((resolve) => log.end(resolve)));

  const logTail = (lines = 40) => output.trimEnd().split('\n').slice(-lines).join('\n');
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output.includes(READY_LINE)) resolve();
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('error', (error) => reject(new Error(`code-server failed to start: ${error.message}`)));
    child.once('exit', (code, signal) =>
      reject(new Error(`code-server exited (${signal ?? `code ${code}`}) before serving`)),
    );
  });
  try {
    await withDeadline(ready, START_TIMEOUT_MS, 'code-server did not report "HTTP server listening"');
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- code-server log (${run.serverLog}) ---\n${logTail()}`);
  }
  return { origin: `http://127.0.0.1:${port}`, logTail };
}

/** SIGTERM to the whole group, SIGKILL to whatever is left after a grace period. */
async function stopGroup(child: ChildProcess, group: number): Promise<void> {
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(group, 'SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
  // The leader may be gone while helpers it started (extension host, pty host) linger in the group.
  signalGroup(group, 'SIGKILL');
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // ESRCH: nobody left in the group
  }
}
