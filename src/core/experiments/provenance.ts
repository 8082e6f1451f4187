import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { slug } from './charts';
import type { ExperimentResults } from './types';

/** sha256 of a file's bytes, streamed so a large training file is not read into one string. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function environment(): ExperimentResults['environment'] {
  const cpus = os.cpus();
  return { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus.length, cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU' };
}

/**
 * Short, unique names for encoders in tables and file names: a folder's base name, a hub id as it is; a
 * second encoder with the same name gets "#2".
 */
export function encoderLabels(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = path.isAbsolute(name) || name.startsWith('.') ? path.basename(name.replace(/[\\/]+$/, '')) : name;
    let label = base;
    for (let n = 2; taken.has(slug(label)); n++) label = `${base}#${n}`;
    taken.add(slug(label));
    return label;
  });
}
