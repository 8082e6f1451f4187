import type { EncoderIdentity } from '../core/encoders/types';
import { loadProbeSet, probesDirFor, type ProbeSet } from '../core/probe-set';

/**
 * The probes of each encoder, read from disk once and kept: a hover or compare then costs no file reads.
 * Training (in this worker) and the host's reset (caches cleared, settings changed) invalidate them.
 */
export class ProbeCache {
  private readonly sets = new Map<string, ProbeSet>();

  get(probesRoot: string, identity: EncoderIdentity): ProbeSet {
    const dir = probesDirFor(probesRoot, identity);
    let set = this.sets.get(dir);
    if (!set) {
      set = loadProbeSet(dir, identity);
      this.sets.set(dir, set);
    }
    return set;
  }

  invalidate(): void {
    this.sets.clear();
  }
}
