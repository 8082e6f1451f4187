import * as path from 'node:path';
import type { EncoderIdentity } from './encoders/types';
import { ProbeLensError } from './errors';
import { listProbeFolders, loadProbe, type LoadedProbe } from './heads/probe/store';

/** The probes found for one encoder, and why the others in the folder were not used. */
export interface ProbeSet {
  probes: LoadedProbe[];
  /** One line per probe folder that was skipped (another encoder, damaged files, ...). */
  skipped: string[];
}

/**
 * Loads every probe folder directly inside `dir` that was trained for `identity`. A folder that does not
 * exist gives an empty set: "no probes yet" is a normal state the caller turns into an offer to train.
 */
export function loadProbeSet(dir: string, identity: EncoderIdentity): ProbeSet {
  const set: ProbeSet = { probes: [], skipped: [] };
  for (const folder of listProbeFolders(dir)) {
    try {
      set.probes.push(loadProbe(folder, identity));
    } catch (error) {
      if (!(error instanceof ProbeLensError)) throw error;
      set.skipped.push(error.message);
    }
  }
  return set;
}

/**
 * A folder name that tells encoders apart: readable name, dtype, and the model file's fingerprint (two
 * folders with the same name but different weights never share probes).
 */
export function encoderKey(identity: EncoderIdentity): string {
  const base = path.basename(identity.name.replace(/[\\/]+$/, '')) || 'encoder';
  const readable = base.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
  return `${readable}-${identity.dtype}-${identity.fingerprint.slice(0, 12)}`;
}

/** Where the probes of an encoder live under a probes root shared by several encoders. */
export function probesDirFor(root: string, identity: EncoderIdentity): string {
  return path.join(root, encoderKey(identity));
}
