import type { JsonFields } from './json-fields';

/**
 * tokenizer.json patterns ({"String": "..."} or {"Regex": "..."}) as JavaScript regular expressions. The Rust
 * library compiles regexes with Oniguruma; the ones tokenizers ship (GPT-4-style splits of Llama 3 and Qwen2)
 * use three things JavaScript writes differently, rewritten here: inline case-insensitive groups `(?i:...)`
 * (ASCII letters inside become [xX] classes), possessive quantifiers (`?+`, `*+`, `++`, `}+`: the same matches
 * for these patterns, written greedy) and `\s` / `\S`, which mean Unicode White_Space as in Rust.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function translateRegex(source: string): string {
  let out = '';
  let inClass = false;
  let afterQuantifier = false;
  // For each open group: whether it is case-insensitive.
  const groups: boolean[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    const quantifier = !inClass && /^(?:[?*+]|\{\d+(?:,\d*)?\})/.exec(source.slice(i))?.[0];
    if (quantifier) {
      // A quantifier right after another is possessive in Oniguruma: written greedy here.
      if (!(afterQuantifier && quantifier === '+')) out += quantifier;
      afterQuantifier = !afterQuantifier || quantifier !== '+';
      i += quantifier.length - 1;
      continue;
    }
    afterQuantifier = false;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (next === 's') out += '\\p{White_Space}';
      else if (next === 'S') out += '\\P{White_Space}';
      else if ((next === 'p' || next === 'P') && source[i + 1] === '{') {
        const close = source.indexOf('}', i);
        out += `\\${source.slice(i, close + 1)}`;
        i = close;
      } else out += `\\${next}`;
    } else if (inClass) {
      if (char === ']') inClass = false;
      out += char;
    } else if (char === '[') {
      inClass = true;
      out += char;
      if (source[i + 1] === '^') out += source[++i];
      // A ] right after [ or [^ is a literal.
      if (source[i + 1] === ']') out += `\\${source[++i]}`;
    } else if (source.startsWith('(?i:', i)) {
      groups.push(true);
      out += '(?:';
      i += 3;
    } else if (char === '(') {
      groups.push(false);
      out += char;
    } else if (char === ')') {
      groups.pop();
      out += char;
    } else {
      out += groups.includes(true) && /[A-Za-z]/.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : char;
    }
  }
  return out;
}

/** The pattern as a global, Unicode-aware RegExp. */
export function readPattern(value: unknown, fields: JsonFields, field: string): RegExp {
  const pattern = fields.object(value, field);
  if (typeof pattern.String === 'string') return new RegExp(escapeRegExp(pattern.String), 'gu');
  const source = fields.string(pattern.Regex, `${field}.Regex (or .String)`);
  try {
    return new RegExp(translateRegex(source), 'gu');
  } catch (error) {
    return fields.unsupported(`${field}.Regex`, source, `regexes JavaScript can run (${(error as Error).message})`);
  }
}
