import { createHash } from 'node:crypto';
import type { Probe } from '../probe/store';

const hashes = new WeakMap<Probe, string>();

function bytesOf(data: ArrayLike<number>): Uint8Array {
  const floats = data instanceof Float32Array ? data : Float32Array.from(data);
  return new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength);
}

/**
 * sha256 of everything a probe computes with: its config, weights and standardisation. Remembered per probe
 * object (loaded probes are not changed in place), so a warm compare does not hash megabytes again.
 */
export function probeHash(probe: Probe): string {
  let hash = hashes.get(probe);
  if (hash) return hash;
  const h = createHash('sha256');
  h.update(JSON.stringify(probe.config));
  for (const p of probe.head.parameters) h.update(p.name).update(bytesOf(p.data));
  for (const m of probe.standardizer.mean) h.update(bytesOf(m));
  for (const s of probe.standardizer.scale) h.update(bytesOf(s));
  hash = h.digest('hex');
  hashes.set(probe, hash);
  return hash;
}
