import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EncoderIdentity } from '../core/encoders/types';
import { strategiesFor } from '../core/heads/registry';
import { type Task } from '../core/task';
import type { LoadedProbe } from '../core/heads/probe/store';
import { loadProbeSet } from '../core/probe-set';
import { probesFolderIn } from './cli-paths';
import type { CliIo } from './command';

export interface FoundProbes {
  /** The folder the probes were read from (see probesFolderIn). */
  folder: string;
  /** Sentiment first, then NER, each in the strategies' canonical order. */
  probes: LoadedProbe[];
  /** Why other probe folders there were not used (another encoder, damaged files). */
  skipped: string[];
}

const TASKS: readonly Task[] = ['sentiment', 'ner'];

function rank(probe: LoadedProbe): number {
  const { task, strategy } = probe.config;
  return TASKS.indexOf(task) * 100 + strategiesFor(task).indexOf(strategy);
}

/**
 * One notice per kind of reason: a folder of ten probes for another encoder gives one line naming them all,
 * not ten copies of the same sentence. Reasons differ only in the probe folder they name.
 */
export function skippedNotices(folder: string, reasons: readonly string[]): string[] {
  const probePath = new RegExp(`${(folder + path.sep).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\s/\\\\"]+)`, 'g');
  const groups = new Map<string, string[]>();
  for (const reason of reasons) {
    let name = '';
    const general = reason.replace(probePath, (_, probe: string) => {
      name ||= probe;
      return '<probe>';
    });
    groups.set(general, [...(groups.get(general) ?? []), name]);
  }
  return [...groups].map(([general, names]) => {
    if (names.length === 1) return `Skipped a probe: ${general.replace('<probe>', path.join(folder, names[0]))}`;
    const named = names.filter((name) => name !== '');
    return `Skipped ${names.length} probes in ${folder}${named.length > 0 ? ` (${named.join(', ')})` : ''}: ${general.replace(/ <probe>/g, '')}`;
  });
}

/** The probes of an encoder under a --probes folder (see probesFolderIn). */
export function findProbes(dir: string, identity: EncoderIdentity): FoundProbes {
  const folder = probesFolderIn(dir, identity);
  const { probes, skipped } = loadProbeSet(folder, identity);
  return { folder, probes: probes.sort((a, b) => rank(a) - rank(b)), skipped };
}

/** Skipped probe folders are notices, never a failure: the others still run. */
export function reportSkipped(found: FoundProbes, io: CliIo): void {
  skippedNotices(found.folder, found.skipped).forEach((notice) => io.note(notice));
}

/** "No <what> probes for <encoder> in <folder>", with why (missing folder, other encoders) and what to do. */
export function noProbesMessage(identity: EncoderIdentity, found: FoundProbes, what?: string): string {
  const where = fs.existsSync(found.folder) ? '' : ' (the folder does not exist)';
  const skipped = found.skipped.length > 0 ? ` ${found.skipped.length} probe folder(s) there were skipped (see above).` : '';
  return (
    `No ${what ? `${what} ` : ''}probes for ${identity.name} (${identity.dtype}) in ${found.folder}${where}.${skipped} ` +
    'Train them with "probe-lens train --out <dir>", or let "probe-lens compare --train-missing" train them.'
  );
}
