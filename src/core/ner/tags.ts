/**
 * BIO tags. Probe Lens works in IOB2 everywhere (every entity starts with B-); IOB1 input is converted on
 * read. A tag is `O`, `B-<type>` or `I-<type>`; anything else (`X-PER`, `E-LOC`, `B-`) is not a tag.
 */

export type TagPrefix = 'B' | 'I' | 'O';

export interface ParsedTag {
  prefix: TagPrefix;
  /** The entity type; '' for O. */
  type: string;
}

const OUTSIDE: ParsedTag = { prefix: 'O', type: '' };

/** Parses a tag, or returns undefined when it is not an O/B-X/I-X tag. */
export function parseTag(tag: string): ParsedTag | undefined {
  if (tag === 'O') return OUTSIDE;
  const prefix = tag[0];
  if (tag.length > 2 && tag[1] === '-' && (prefix === 'B' || prefix === 'I')) return { prefix, type: tag.slice(2) };
  return undefined;
}

export function isTag(tag: string): boolean {
  return parseTag(tag) !== undefined;
}

/**
 * The label list of a tagger for these entity types: `O`, then `B-` and `I-` of each type in sorted order.
 * Heads index their output rows by this list; it is saved with the probe.
 */
export function bioLabels(entityTypes: Iterable<string>): string[] {
  const labels = ['O'];
  for (const type of [...new Set(entityTypes)].sort()) labels.push(`B-${type}`, `I-${type}`);
  return labels;
}

/** Where repairBio changed a tag: `I-X` at `index` did not continue an entity of type X, so it became `B-X`. */
export interface BioRepair {
  index: number;
  from: string;
  to: string;
}

/**
 * Makes a tag sequence valid IOB2, following the conlleval / seqeval (default mode) convention: an `I-X`
 * that does not continue an entity of type X — at the start, after `O`, or after a `B-Y`/`I-Y` of another
 * type — starts a new entity, so it becomes `B-X`. Nothing else changes. Converting IOB1 to IOB2 is exactly
 * this repair, since IOB1 starts entities with `I-` and uses `B-` only between two adjacent same-type entities.
 * Throws on a string that is not a tag (callers validate input first; this is a programming error).
 */
export function repairBio(tags: readonly string[]): { tags: string[]; repairs: BioRepair[] } {
  const repaired: string[] = new Array<string>(tags.length);
  const repairs: BioRepair[] = [];
  let previousType = '';
  for (let i = 0; i < tags.length; i++) {
    const parsed = parseTag(tags[i]);
    if (!parsed) throw new Error(`repairBio: "${tags[i]}" is not a BIO tag`);
    if (parsed.prefix === 'I' && parsed.type !== previousType) {
      repaired[i] = `B-${parsed.type}`;
      repairs.push({ index: i, from: tags[i], to: repaired[i] });
    } else {
      repaired[i] = tags[i];
    }
    previousType = parsed.type;
  }
  return { tags: repaired, repairs };
}
