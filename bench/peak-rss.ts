import { readFileSync } from 'node:fs';

/**
 * This process's peak RSS in MB. On Linux from /proc (VmHWM, which starts afresh at exec); getrusage's maxRSS would
 * not do: it survives exec, so a child forked from a big parent (the bench, after transformers.js and
 * TensorFlow.js) reports the parent's size.
 */
export function peakRssMb(): number {
  try {
    const kilobytes = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kilobytes !== undefined) return Number(kilobytes) / 1024;
  } catch {
    // Not Linux: fall back to getrusage, which is right when the parent is small.
  }
  // resourceUsage().maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}
