import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { codeServerBinary } from './code-server-location';
import { REPO_ROOT } from './repo-root';
import type { ScratchRun } from './scratch';

const run = promisify(execFile);
const PACKAGE_TIMEOUT_MS = 180_000;
const INSTALL_TIMEOUT_MS = 60_000;

/**
 * Packages the extension as users get it: `npm run package` for this machine's platform (bundles plus that
 * platform's onnxruntime binaries and the transformers.js hub files), offline.
 */
export async function packageVsix(scratch: ScratchRun): Promise<string> {
  const target = `${process.platform}-${process.arch}`;
  await runTool(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package.mjs'), '--target', target, '--out', scratch.dir], {
    cwd: REPO_ROOT,
    env: scratch.env,
    timeout: PACKAGE_TIMEOUT_MS,
  });
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return path.join(scratch.dir, `probe-lens-${target}-${version}.vsix`);
}

/** Installs the .vsix into the run's fresh extensions folder, as `code --install-extension` does. */
export async function installVsix(scratch: ScratchRun, vsix: string): Promise<void> {
  const { stdout } = await runTool(
    codeServerBinary(),
    ['--install-extension', vsix, '--force', '--extensions-dir', scratch.extensions, '--user-data-dir', scratch.userData],
    { cwd: scratch.workspace, env: scratch.env, timeout: INSTALL_TIMEOUT_MS },
  );
  if (!stdout.includes('was successfully installed')) {
    throw new Error(`code-server did not confirm installing ${vsix}:\n${stdout}`);
  }
}

async function runTool(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeout: number },
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(file, args, { ...options, maxBuffer: 16 * 1024 * 1024, killSignal: 'SIGKILL' });
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string; killed?: boolean };
    const why = failure.killed ? `timed out after ${options.timeout / 1000} s` : failure.message.split('\n')[0];
    throw new Error(`${path.basename(file)} ${args.join(' ')}: ${why}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}
