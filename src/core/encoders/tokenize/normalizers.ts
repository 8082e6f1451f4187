import { AlignedTextBuilder, type AlignedText } from './aligned-text';
import type { JsonFields } from './json-fields';
import { readPattern } from './patterns';
import { codePointAt, isSurrogate, unitWidth } from './unicode-classes';

/**
 * The normalizers of tokenizer.json that SentencePiece, Unigram and byte-level BPE tokenizers use, applied to an
 * AlignedText so that every character they produce keeps the span of the original text it came from.
 */
export interface Normalizer {
  normalize(text: AlignedText): AlignedText;
}

type UnicodeForm = 'NFC' | 'NFD' | 'NFKC' | 'NFKD';

const MARK = /^\p{M}$/u;
const WHITE_SPACE = /^\p{White_Space}$/u;

/** Maps each code point to a string on its own (maybe empty), keeping the code point's span for what it becomes. */
function mapCodePoints(text: AlignedText, map: (char: string) => string): AlignedText {
  const builder = new AlignedTextBuilder();
  for (let i = 0; i < text.text.length; ) {
    const width = unitWidth(codePointAt(text.text, i));
    const mapped = map(text.text.slice(i, i + width));
    if (mapped) builder.append(mapped, text.starts[i], text.ends[i + width - 1]);
    i += width;
  }
  return builder.build();
}

/**
 * Unicode normalisation, one cluster (a character and the combining marks after it) at a time, each cluster's
 * result keeping the cluster's span. That equals normalising the whole string except around rare sequences
 * (decomposed Hangul jamo): then the whole string is normalised and every character spans all of the text.
 */
function unicodeForm(form: UnicodeForm): Normalizer {
  return {
    normalize(text) {
      const whole = text.text.normalize(form);
      const builder = new AlignedTextBuilder();
      let clusterStart = 0;
      const flush = (end: number) => {
        if (end > clusterStart) builder.append(text.text.slice(clusterStart, end).normalize(form), text.starts[clusterStart], text.ends[end - 1]);
        clusterStart = end;
      };
      for (let i = 0; i < text.text.length; ) {
        const width = unitWidth(codePointAt(text.text, i));
        if (!MARK.test(text.text.slice(i, i + width))) flush(i);
        i += width;
      }
      flush(text.text.length);
      const clustered = builder.build();
      if (clustered.text === whole || text.text.length === 0) return clustered;
      const coarse = new AlignedTextBuilder();
      coarse.append(whole, text.starts[0], text.ends[text.text.length - 1]);
      return coarse.build();
    },
  };
}

/** Replaces every non-empty match of `pattern`; the replacement spans what it replaced. */
function replace(pattern: RegExp, content: string): Normalizer {
  return {
    normalize(text) {
      const builder = new AlignedTextBuilder();
      let cursor = 0;
      for (const match of text.text.matchAll(pattern)) {
        if (match[0].length === 0) continue;
        const end = match.index + match[0].length;
        builder.appendAligned(text, cursor, match.index);
        if (content) builder.append(content, text.starts[match.index], text.ends[end - 1]);
        cursor = end;
      }
      builder.appendAligned(text, cursor);
      return builder.build();
    },
  };
}

/** Text that is not in the original (a ▁ before the first word) gets an empty span where the text starts. */
function prepend(prefix: string): Normalizer {
  return {
    normalize(text) {
      if (text.text.length === 0) return text;
      const builder = new AlignedTextBuilder();
      builder.append(prefix, text.starts[0], text.starts[0]);
      builder.appendAligned(text);
      return builder.build();
    },
  };
}

function strip(left: boolean, right: boolean): Normalizer {
  return {
    normalize(text) {
      let from = 0;
      let to = text.text.length;
      while (left && from < to && WHITE_SPACE.test(text.text[from])) from++;
      while (right && to > from && WHITE_SPACE.test(text.text[to - 1])) to--;
      const builder = new AlignedTextBuilder();
      builder.appendAligned(text, from, to);
      return builder.build();
    },
  };
}

// SentencePiece's default rules (nmt_nfkc) as transformers.js approximates its precompiled charsmap: control
// characters go, other spaces become U+0020, then NFKC (keeping U+FF5E, which NFKC would turn into ~).
function precompiledDrops(c: number): boolean {
  return (c >= 0x01 && c <= 0x08) || c === 0x0b || (c >= 0x0e && c <= 0x1f) || c === 0x7f || c === 0x8f || c === 0x9f;
}
const PRECOMPILED_SPACES = new Set([0x09, 0x0a, 0x0c, 0x0d, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x2581, 0x3000, 0xfeff, 0xfffd]);
function precompiledSpace(c: number): boolean {
  return PRECOMPILED_SPACES.has(c) || (c >= 0x2000 && c <= 0x200f);
}

function precompiled(): Normalizer {
  const nfkc = unicodeForm('NFKC');
  return {
    normalize(text) {
      const cleaned = mapCodePoints(text, (char) => {
        const c = char.codePointAt(0) as number;
        // A lone surrogate cannot reach the Rust library; decoding it would give U+FFFD, a space here.
        if (isSurrogate(c) || precompiledSpace(c)) return ' ';
        return precompiledDrops(c) ? '' : char;
      });
      const parts = cleaned.text.split('\uff5e');
      if (parts.length === 1) return nfkc.normalize(cleaned);
      const builder = new AlignedTextBuilder();
      let at = 0;
      parts.forEach((part, i) => {
        if (i > 0) builder.appendAligned(cleaned, at - 1, at);
        builder.appendAligned(nfkc.normalize({ text: part, starts: cleaned.starts.slice(at, at + part.length), ends: cleaned.ends.slice(at, at + part.length) }));
        at += part.length + 1;
      });
      return builder.build();
    },
  };
}

function sequence(normalizers: Normalizer[]): Normalizer {
  return { normalize: (text) => normalizers.reduce((current, n) => n.normalize(current), text) };
}

const SUPPORTED = 'Sequence, Prepend, Replace, NFC, NFD, NFKC, NFKD, Precompiled, Lowercase, Strip and StripAccents';

/** tokenizer.json's `normalizer` (null: none). */
export function readNormalizer(value: unknown, fields: JsonFields, field = 'normalizer'): Normalizer | null {
  if (value === null || value === undefined) return null;
  const config = fields.object(value, field);
  const type = fields.string(config.type, `${field}.type`);
  switch (type) {
    case 'Sequence':
      return sequence(
        fields
          .array(config.normalizers, `${field}.normalizers`)
          .map((item, i) => readNormalizer(item, fields, `${field}.normalizers[${i}]`))
          .filter((n): n is Normalizer => n !== null),
      );
    case 'Prepend':
      return prepend(fields.string(config.prepend, `${field}.prepend`));
    case 'Replace':
      return replace(readPattern(config.pattern, fields, `${field}.pattern`), fields.string(config.content ?? '', `${field}.content`));
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD':
      return unicodeForm(type);
    case 'Precompiled':
      return precompiled();
    case 'Lowercase':
      // Per character, like Rust's char::to_lowercase: no context rules such as the final sigma.
      return { normalize: (text) => mapCodePoints(text, (char) => char.toLowerCase()) };
    case 'Strip':
      return strip(fields.flag(config.strip_left, `${field}.strip_left`, true), fields.flag(config.strip_right, `${field}.strip_right`, true));
    case 'StripAccents':
      return { normalize: (text) => mapCodePoints(text, (char) => (MARK.test(char) ? '' : char)) };
    default:
      return fields.unsupported(`${field}.type`, type, SUPPORTED);
  }
}

