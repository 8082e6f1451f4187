import { repairBio, parseTag } from '../ner/tags';
import { dataError } from './data-error';
import { checkCount, shortfallNotice } from './limit';
import { readDataText, splitLines } from './read-text';
import type { NerDataset, NerSentence } from './types';

export interface ConllReadOptions {
  /** Read only the first `limit` sentences (the rest of the file is not parsed). */
  limit?: number;
}

/**
 * Reads a CoNLL column file: one word per line, the word in the first column and its NER tag in the last
 * (any number of columns in between, the same on every line); columns separated by tabs if the first word
 * line has a tab, else by spaces. Blank (or whitespace-only) lines end sentences; `-DOCSTART-` lines are
 * skipped and also end a sentence. Tags may be IOB1 or IOB2: the scheme is detected (entities that start with
 * I- and never with B- mean IOB1) and returned as `scheme`; an IOB2 file with entities started by I- gets a
 * notice naming the first one's line. Tags are returned as IOB2 either way.
 */
export async function readConllFile(file: string, options: ConllReadOptions = {}): Promise<NerDataset> {
  return parseConll(await readDataText(file), file, options);
}

/** As readConllFile, from text already in memory; `file` is only used in messages. */
export function parseConll(content: string, file: string, options: ConllReadOptions = {}): NerDataset {
  checkCount(options.limit, 'The limit');
  const lines = splitLines(content);
  const sentences: NerSentence[] = [];
  const types = new Set<string>();
  let layout: { separator: 'tab' | 'space'; columns: number; line: number } | undefined;
  let current: NerSentence | undefined;
  // Entities started with I- (IOB1's way; an error in IOB2), with the line of the first; and with B- (IOB2's).
  let iStarts = 0;
  let firstIStart = 0;
  let bStarts = 0;

  const endSentence = (): void => {
    if (!current) return;
    const { tags, repairs } = repairBio(current.tags);
    if (repairs.length > 0 && iStarts === 0) firstIStart = current.line + repairs[0].index;
    iStarts += repairs.length;
    bStarts += current.tags.filter((tag, i) => tag.startsWith('B-') && current?.tags[i - 1]?.slice(2) !== tag.slice(2)).length;
    current.tags = tags;
    sentences.push(current);
    current = undefined;
  };

  for (let i = 0; i < lines.length && sentences.length !== options.limit; i++) {
    const lineNumber = i + 1;
    const raw = lines[i];
    if (raw.trim() === '') {
      endSentence();
      continue;
    }
    const separator = layout?.separator ?? (raw.includes('\t') ? 'tab' : 'space');
    const fields = separator === 'tab' ? raw.split('\t') : raw.trim().split(/[ \t]+/);
    if (fields[0] === '-DOCSTART-') {
      endSentence();
      continue;
    }
    if (fields.length < 2) {
      const advice = 'each line needs a word and its NER tag, the tag last';
      throw dataError(file, lineNumber, `found only one column ("${raw.trim()}"); ${advice}.`);
    }
    layout ??= { separator, columns: fields.length, line: lineNumber };
    if (fields.length !== layout.columns) {
      throw dataError(
        file,
        lineNumber,
        `expected ${layout.columns} ${layout.separator}-separated columns as on line ${layout.line}, ` +
          `found ${fields.length}.`,
      );
    }
    const tag = fields[fields.length - 1].trim();
    const parsed = parseTag(tag);
    if (!parsed) {
      throw dataError(file, lineNumber, `"${tag}" is not a NER tag: expected O, B-<type> or I-<type> in the last column.`);
    }
    if (parsed.type !== '') types.add(parsed.type);
    current ??= { words: [], tags: [], line: lineNumber };
    current.words.push(fields[0]);
    current.tags.push(tag);
  }
  endSentence();

  if (sentences.length === 0) throw dataError(file, undefined, 'empty dataset: the file has no sentences.');
  const notices: string[] = [];
  if (options.limit !== undefined && sentences.length < options.limit) {
    notices.push(shortfallNotice(file, options.limit, sentences.length, 'sentences', 'the limit'));
  }
  // Only I- starts: IOB1, converted. B- starts too: IOB2 with entities that start with I-, which it forbids.
  const scheme = iStarts > 0 && bStarts === 0 ? 'iob1' : 'iob2';
  if (scheme === 'iob2' && iStarts > 0) {
    notices.push(
      `${file}:${firstIStart}: ${iStarts} entit${iStarts === 1 ? 'y starts' : 'ies start'} with I- after O or another type ` +
        '(first here), which IOB2 does not allow, although the file starts other entities with B-; read as entity starts (B-).',
    );
  }
  return { task: 'ner', file, scheme, sentences, entityTypes: [...types].sort(), notices };
}
