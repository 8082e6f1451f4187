import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Encoder } from '../src/core/encoders/types';
import { listProbeFolders, loadProbe, type Probe } from '../src/core/heads/probe/store';
import { trainProbes } from '../src/core/train/train-probes';
import { conll, sst2 } from './texts';

export interface ProbeSet {
  sentiment: Probe[];
  ner: Probe[];
}

/** Sentences per task for the stand-in probes: inference costs the same whatever the weights learned. */
const STAND_IN_SENTENCES = 40;

/**
 * Real probes of every strategy for `encoder`, trained for one epoch on a few sentences (once per encoder
 * file and run, under scratchDir): compare and the hover run the heads' forward pass, whose cost does not
 * depend on how well they were trained.
 */
export async function standInProbes(encoder: Encoder, scratchDir: string): Promise<ProbeSet> {
  const { fingerprint, dtype } = encoder.identity;
  const dir = path.join(scratchDir, 'stand-in-probes', `${dtype}-${fingerprint.slice(0, 16)}`);
  const outDir = path.join(dir, 'probes');
  if (!existsSync(outDir)) {
    const common = { encoder, cacheDir: path.join(dir, 'features'), outDir, hyperparameters: { epochs: 1 } };
    await trainProbes({ ...common, task: 'sentiment', train: await sst2(STAND_IN_SENTENCES) });
    await trainProbes({ ...common, task: 'ner', train: await conll(STAND_IN_SENTENCES) });
  }
  const probes = listProbeFolders(outDir).map((folder) => loadProbe(folder, encoder.identity));
  return {
    sentiment: probes.filter((p) => p.config.task === 'sentiment'),
    ner: probes.filter((p) => p.config.task === 'ner'),
  };
}
