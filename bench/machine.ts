import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Machine {
  cpuModel: string;
  logicalCores: number;
  /** Distinct (physical id, core id) pairs in /proc/cpuinfo; the logical count where that is not readable. */
  physicalCores: number;
  memoryGb: number;
  platform: string;
  node: string;
  versions: Record<string, string>;
  /** 1-minute load average when the run started: above the core count, other work shared the CPUs. */
  loadAverageAtStart: number;
}

function physicalCores(logical: number): number {
  try {
    const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    const cores = new Set<string>();
    for (const block of cpuinfo.split('\n\n')) {
      const physical = /^physical id\s*:\s*(\d+)/m.exec(block)?.[1];
      const core = /^core id\s*:\s*(\d+)/m.exec(block)?.[1];
      if (physical !== undefined && core !== undefined) cores.add(`${physical}:${core}`);
    }
    return cores.size > 0 ? cores.size : logical;
  } catch {
    return logical;
  }
}

/** A dependency's version from its package.json (read as a file: some packages do not export it). */
function packageVersion(name: string): string {
  try {
    const file = path.join(__dirname, '..', 'node_modules', ...name.split('/'), 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    logicalCores: cpus.length,
    physicalCores: physicalCores(cpus.length),
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
    versions: Object.fromEntries(
      ['onnxruntime-node', '@huggingface/transformers'].map((name) => [name, packageVersion(name)]),
    ),
    loadAverageAtStart: os.loadavg()[0],
  };
}
