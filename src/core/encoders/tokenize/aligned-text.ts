/**
 * A string derived from part of the user's text (normalised, or with a prefix space) that remembers, for each
 * of its UTF-16 units, the span of the original text it came from. Tokens found in it get their offsets from
 * here, so offsets always index the original string however much normalisation changed lengths.
 */
export interface AlignedText {
  readonly text: string;
  /** starts[i], ends[i]: the original span that text[i] came from. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

export class AlignedTextBuilder {
  private readonly parts: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Appends `piece`, every unit of which came from original[start, end). */
  append(piece: string, start: number, end: number): void {
    this.parts.push(piece);
    for (let i = 0; i < piece.length; i++) {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** Appends aligned.text[from, to) with the spans it already has. */
  appendAligned(aligned: AlignedText, from = 0, to = aligned.text.length): void {
    this.parts.push(aligned.text.slice(from, to));
    for (let i = from; i < to; i++) {
      this.starts.push(aligned.starts[i]);
      this.ends.push(aligned.ends[i]);
    }
  }

  build(): AlignedText {
    return { text: this.parts.join(''), starts: this.starts, ends: this.ends };
  }
}

/** original[from, to) unchanged; a surrogate pair's two units both map to the pair's whole span. */
export function alignedSlice(original: string, from: number, to: number, prefix = ''): AlignedText {
  const builder = new AlignedTextBuilder();
  // Text that is not in the original (a prefix space) gets an empty span where the slice starts.
  if (prefix) builder.append(prefix, from, from);
  for (let i = from; i < to; ) {
    const width = (original.codePointAt(i) as number) > 0xffff ? 2 : 1;
    builder.append(original.slice(i, i + width), i, i + width);
    i += width;
  }
  return builder.build();
}

/** The original span of aligned.text[from, to), for a non-empty range. */
export function originalSpan(aligned: AlignedText, from: number, to: number): [number, number] {
  return [aligned.starts[from], aligned.ends[to - 1]];
}

/** aligned.text[from, to) with its spans. */
export function sliceAligned(aligned: AlignedText, from: number, to: number): AlignedText {
  return { text: aligned.text.slice(from, to), starts: aligned.starts.slice(from, to), ends: aligned.ends.slice(from, to) };
}
