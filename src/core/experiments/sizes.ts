import { ProbeLensError } from '../errors';

/** A training size as asked for: a count of examples (sentences for NER), or the whole training file. */
export type SizeRequest = number | 'all';

/** A size as run: what was asked, and how many examples that gave. */
export interface ResolvedSize {
  requested: SizeRequest;
  used: number;
}

/** Parses "100,500,2000,all": whole numbers ≥ 1 and `all`, comma-separated; duplicates are an error. */
export function parseSizes(text: string): SizeRequest[] {
  const parts = text.split(',').map((part) => part.trim());
  const sizes = parts.map((part): SizeRequest => {
    if (part.toLowerCase() === 'all') return 'all';
    if (!/^\d+$/.test(part) || Number(part) < 1 || !Number.isSafeInteger(Number(part))) {
      const shown = part === '' ? 'an empty entry' : `"${part}"`;
      throw new ProbeLensError(`--sizes "${text}": ${shown} is not a size; give whole numbers ≥ 1 or "all", separated by commas (e.g. 100,500,all).`, 'bad-input');
    }
    return Number(part);
  });
  const seen = new Set<string>();
  for (const size of sizes) {
    if (seen.has(String(size))) throw new ProbeLensError(`--sizes "${text}": ${size} is given twice.`, 'bad-input');
    seen.add(String(size));
  }
  return sizes;
}

/**
 * The sizes to run on a training file of `available` examples, smallest first: a size larger than the file is
 * capped to the whole file, with a notice; sizes that end up equal run once (the first asked for is kept).
 */
export function resolveSizes(sizes: readonly SizeRequest[], available: number, file: string, unit: string): { sizes: ResolvedSize[]; notices: string[] } {
  const notices: string[] = [];
  const byUsed = new Map<number, ResolvedSize>();
  for (const requested of sizes) {
    const used = requested === 'all' ? available : Math.min(requested, available);
    if (requested !== 'all' && requested > available) {
      notices.push(`${file}: training size ${requested} is more than the ${available} ${unit} in the file; using all ${available}.`);
    }
    const earlier = byUsed.get(used);
    if (earlier) {
      notices.push(`Training sizes ${String(earlier.requested)} and ${String(requested)} both mean ${used} ${unit}; running it once.`);
      continue;
    }
    byUsed.set(used, { requested, used });
  }
  return { sizes: [...byUsed.values()].sort((a, b) => a.used - b.used), notices };
}
