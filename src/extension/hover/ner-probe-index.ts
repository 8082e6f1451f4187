import { promises as fs } from 'node:fs';
import * as path from 'node:path';

// Probes copied in by hand are noticed after this long; training and clearing invalidate at once.
const MAX_AGE_MS = 30_000;

/**
 * Whether any encoder has an NER probe of a strategy, from a glance at the probes folder: lets the hover stay
 * silent without starting the worker (and loading onnxruntime) when nothing was trained. The worker still
 * decides for the configured encoder; this only filters.
 */
export class NerProbeIndex {
  private strategies: Promise<Set<string>> | undefined;
  private readAt = 0;

  constructor(private readonly probesRoot: string) {}

  async has(strategy: string): Promise<boolean> {
    if (!this.strategies || Date.now() - this.readAt > MAX_AGE_MS) {
      this.readAt = Date.now();
      this.strategies = this.scan();
    }
    return (await this.strategies).has(strategy);
  }

  invalidate(): void {
    this.strategies = undefined;
  }

  private async scan(): Promise<Set<string>> {
    const found = new Set<string>();
    const encoders = await fs.readdir(this.probesRoot, { withFileTypes: true }).catch(() => []);
    for (const encoder of encoders.filter((entry) => entry.isDirectory())) {
      const probes = await fs.readdir(path.join(this.probesRoot, encoder.name)).catch(() => [] as string[]);
      for (const probe of probes) {
        const match = /^ner-(.+)$/.exec(probe);
        if (match && !/\.(tmp|old)-/.test(probe)) found.add(match[1]);
      }
    }
    return found;
  }
}
