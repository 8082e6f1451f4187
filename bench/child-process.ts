import { spawn } from 'node:child_process';

/**
 * Runs a bench child in a fresh node: a TypeScript file of bench/children (through tsx), or with
 * `plain: true` a JavaScript file as it is. Returns what it printed after `RESULT `, parsed; throws with the
 * child's stderr when it fails or prints no result.
 */
export function runChild<T>(script: string, argument: unknown, timeoutMs: number, plain = false): Promise<T> {
  const args = [...(plain ? [] : ['--import', 'tsx']), script, JSON.stringify(argument)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('RESULT '.length)) as T);
      else reject(new Error(`${script} ended with ${signal ?? `code ${code}`}: ${stderr.trim().slice(-2000)}`));
    });
  });
}
