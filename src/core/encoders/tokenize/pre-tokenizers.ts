import { AlignedTextBuilder, sliceAligned, type AlignedText } from './aligned-text';
import { GPT2_SPLIT } from './byte-level';
import type { JsonFields, JsonObject } from './json-fields';
import { readPattern } from './patterns';

/**
 * The pre-tokenizers of tokenizer.json (how a normalised text is cut into words before the model), on
 * AlignedText words so every character keeps its original span.
 */
export interface PreTokenizer {
  /** `first`: the text starts the input (no added token before it), for Metaspace's prepend_scheme "first". */
  split(words: AlignedText[], first: boolean): AlignedText[];
}

export interface PreTokenization {
  preTokenizer: PreTokenizer | null;
  /** A ByteLevel step is there: words become UTF-8 byte characters before the model. */
  byteLevel: boolean;
}

type Behavior = 'Removed' | 'Isolated' | 'MergedWithPrevious' | 'MergedWithNext' | 'Contiguous';
const BEHAVIORS: readonly Behavior[] = ['Removed', 'Isolated', 'MergedWithPrevious', 'MergedWithNext', 'Contiguous'];

/** Cuts `word` at the matches of `pattern` as the Rust library's Split does with each delimiter behaviour. */
export function splitWord(word: AlignedText, pattern: RegExp, behavior: Behavior, invert: boolean): AlignedText[] {
  const pieces: Array<{ from: number; to: number; delimiter: boolean }> = [];
  let cursor = 0;
  for (const match of word.text.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    if (match.index > cursor) pieces.push({ from: cursor, to: match.index, delimiter: invert });
    pieces.push({ from: match.index, to: match.index + match[0].length, delimiter: !invert });
    cursor = match.index + match[0].length;
  }
  if (cursor < word.text.length) pieces.push({ from: cursor, to: word.text.length, delimiter: invert });

  const ranges: Array<[number, number]> = [];
  let pendingStart: number | undefined;
  pieces.forEach((piece, i) => {
    const last = ranges[ranges.length - 1];
    if (!piece.delimiter) {
      ranges.push([pendingStart ?? piece.from, piece.to]);
      pendingStart = undefined;
      return;
    }
    switch (behavior) {
      case 'Removed':
        return;
      case 'Isolated':
        ranges.push([piece.from, piece.to]);
        return;
      case 'Contiguous':
        if (last && i > 0 && pieces[i - 1].delimiter) last[1] = piece.to;
        else ranges.push([piece.from, piece.to]);
        return;
      case 'MergedWithPrevious':
        if (last && i > 0 && !pieces[i - 1].delimiter) last[1] = piece.to;
        else ranges.push([piece.from, piece.to]);
        return;
      case 'MergedWithNext':
        if (pendingStart !== undefined) ranges.push([pendingStart, piece.from]);
        pendingStart = piece.from;
        return;
    }
  });
  if (pendingStart !== undefined) ranges.push([pendingStart, word.text.length]);
  return ranges.map(([from, to]) => sliceAligned(word, from, to));
}

function perWord(split: (word: AlignedText, first: boolean) => AlignedText[]): PreTokenizer {
  return { split: (words, first) => words.flatMap((word) => split(word, first)) };
}

/** Prefixes `prefix` with an empty span where the word starts: it is not in the original text. */
function withPrefix(word: AlignedText, prefix: string): AlignedText {
  const builder = new AlignedTextBuilder();
  builder.append(prefix, word.starts[0] ?? 0, word.starts[0] ?? 0);
  builder.appendAligned(word);
  return builder.build();
}

const WHITE_SPACE_RUN = /\p{White_Space}+/gu;

function byteLevel(addPrefixSpace: boolean, useRegex: boolean): PreTokenizer {
  return perWord((word) => {
    const prefixed = addPrefixSpace && word.text.length > 0 && !word.text.startsWith(' ') ? withPrefix(word, ' ') : word;
    return useRegex ? splitWord(prefixed, GPT2_SPLIT, 'Isolated', false) : [prefixed];
  });
}

function metaspace(replacement: string, prependScheme: string, split: boolean): PreTokenizer {
  const delimiter = new RegExp(replacement.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gu');
  return perWord((word, first) => {
    const builder = new AlignedTextBuilder();
    for (let i = 0; i < word.text.length; i++) {
      builder.append(word.text[i] === ' ' ? replacement : word.text[i], word.starts[i], word.ends[i]);
    }
    let replaced = builder.build();
    const prepend = prependScheme === 'always' || (prependScheme === 'first' && first);
    if (prepend && replaced.text.length > 0 && !replaced.text.startsWith(replacement)) replaced = withPrefix(replaced, replacement);
    return split ? splitWord(replaced, delimiter, 'MergedWithNext', false) : [replaced];
  });
}

function prependSchemeOf(config: JsonObject, fields: JsonFields, field: string): string {
  if (config.prepend_scheme !== undefined && config.prepend_scheme !== null) {
    const scheme = fields.string(config.prepend_scheme, `${field}.prepend_scheme`);
    if (!['always', 'first', 'never'].includes(scheme)) fields.unsupported(`${field}.prepend_scheme`, scheme, 'always, first or never');
    return scheme;
  }
  // Older files: add_prefix_space.
  return fields.flag(config.add_prefix_space, `${field}.add_prefix_space`, true) ? 'always' : 'never';
}

const SUPPORTED = 'Sequence, ByteLevel, Metaspace, Split, WhitespaceSplit and Digits';

function read(value: unknown, fields: JsonFields, field: string, found: { byteLevel: boolean }): PreTokenizer | null {
  if (value === null || value === undefined) return null;
  const config = fields.object(value, field);
  const type = fields.string(config.type, `${field}.type`);
  switch (type) {
    case 'Sequence': {
      const steps = fields
        .array(config.pretokenizers, `${field}.pretokenizers`)
        .map((item, i) => read(item, fields, `${field}.pretokenizers[${i}]`, found))
        .filter((p): p is PreTokenizer => p !== null);
      return { split: (words, first) => steps.reduce((current, step) => step.split(current, first), words) };
    }
    case 'ByteLevel':
      found.byteLevel = true;
      return byteLevel(
        fields.flag(config.add_prefix_space, `${field}.add_prefix_space`, true),
        fields.flag(config.use_regex, `${field}.use_regex`, true),
      );
    case 'Metaspace': {
      const replacement = fields.string(config.replacement ?? '\u2581', `${field}.replacement`);
      return metaspace(replacement, prependSchemeOf(config, fields, field), fields.flag(config.split, `${field}.split`, true));
    }
    case 'Split': {
      const behavior = fields.string(config.behavior ?? 'Isolated', `${field}.behavior`) as Behavior;
      if (!BEHAVIORS.includes(behavior)) fields.unsupported(`${field}.behavior`, behavior, BEHAVIORS.join(', '));
      const pattern = readPattern(config.pattern, fields, `${field}.pattern`);
      const invert = fields.flag(config.invert, `${field}.invert`, false);
      return perWord((word) => splitWord(word, pattern, behavior, invert));
    }
    case 'WhitespaceSplit':
      return perWord((word) => splitWord(word, WHITE_SPACE_RUN, 'Removed', false));
    case 'Digits': {
      const digits = fields.flag(config.individual_digits, `${field}.individual_digits`, false) ? /\p{N}/gu : /\p{N}+/gu;
      return perWord((word) => splitWord(word, digits, 'Isolated', false));
    }
    default:
      return fields.unsupported(`${field}.type`, type, SUPPORTED);
  }
}

/** tokenizer.json's `pre_tokenizer` (null: the whole normalised text is one word). */
export function readPreTokenizer(value: unknown, fields: JsonFields): PreTokenization {
  const found = { byteLevel: false };
  const preTokenizer = read(value, fields, 'pre_tokenizer', found);
  return { preTokenizer, byteLevel: found.byteLevel };
}
