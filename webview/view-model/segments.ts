/** [start, end) in UTF-16 code units of a text, as tokens and entity spans give them. */
export interface CharRange {
  start: number;
  end: number;
}

/** A piece of the text where the same set of ranges applies; `covering` holds their indices, ascending. */
export interface Segment extends CharRange {
  covering: number[];
}

/**
 * Cuts `text` into consecutive segments, each covered by the same ranges, so overlapping, nested and adjacent
 * ranges can all be drawn as flat inline elements. The segments tile the whole text (uncovered gaps included),
 * in order. Ranges are clamped to the text, empty ones (special tokens) are skipped, and every boundary is
 * moved out to the edge of the grapheme cluster it falls in: a byte-level token may end inside a surrogate pair
 * or a ZWJ emoji, and splitting one across two elements would draw broken glyphs.
 */
export function splitIntoSegments(text: string, ranges: readonly CharRange[]): Segment[] {
  const length = text.length;
  if (length === 0) return [];
  const clusters = graphemeBoundaries(text);
  const starts = new Map<number, number[]>();
  const ends = new Map<number, number[]>();
  const cuts = new Set<number>([0, length]);
  ranges.forEach((range, index) => {
    const clampedStart = clamp(range.start, length);
    const clampedEnd = clamp(range.end, length);
    // Checked before snapping, which would grow an empty range inside a cluster into a whole character.
    if (!(clampedStart < clampedEnd)) return;
    const start = clusters.floor(clampedStart);
    const end = clusters.ceil(clampedEnd);
    push(starts, start, index);
    push(ends, end, index);
    cuts.add(start).add(end);
  });

  const ordered = [...cuts].sort((a, b) => a - b);
  const active = new Set<number>();
  const segments: Segment[] = [];
  for (let i = 0; i < ordered.length - 1; i++) {
    const at = ordered[i];
    for (const index of ends.get(at) ?? []) active.delete(index);
    for (const index of starts.get(at) ?? []) active.add(index);
    segments.push({ start: at, end: ordered[i + 1], covering: [...active].sort((a, b) => a - b) });
  }
  return segments;
}

function clamp(offset: number, length: number): number {
  return Number.isFinite(offset) ? Math.min(length, Math.max(0, Math.round(offset))) : 0;
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface ClusterBoundaries {
  /** The start of the grapheme cluster holding `offset` (offset itself when it is a boundary). */
  floor(offset: number): number;
  /** The end of the grapheme cluster holding `offset - 1` (offset itself when it is a boundary). */
  ceil(offset: number): number;
}

// The panel draws the same text many times (every strategy row): the last text's boundaries are kept.
let lastText: string | undefined;
let lastBoundaries: Uint8Array = new Uint8Array(0);

function graphemeBoundaries(text: string): ClusterBoundaries {
  if (text !== lastText) {
    const isBoundary = new Uint8Array(text.length + 1);
    for (const { index } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) isBoundary[index] = 1;
    isBoundary[text.length] = 1;
    lastText = text;
    lastBoundaries = isBoundary;
  }
  const isBoundary = lastBoundaries;
  return {
    floor(offset) {
      while (offset > 0 && !isBoundary[offset]) offset--;
      return offset;
    },
    ceil(offset) {
      while (offset < isBoundary.length - 1 && !isBoundary[offset]) offset++;
      return offset;
    },
  };
}
