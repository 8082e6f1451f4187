import * as path from 'node:path';
import { ProbeLensError } from '../errors';
import { dataError } from './data-error';
import { checkCount, shortfallNotice } from './limit';
import { readDataText, splitLines } from './read-text';
import { csvRecords, tsvRecords, type TableRecord } from './records';
import type { SentimentDataset, SentimentExample } from './types';

export type SentimentFormat = 'tsv' | 'csv' | 'jsonl';

export interface SentimentReadOptions {
  /** Default: from the file extension (.tsv, .csv, .jsonl / .ndjson). */
  format?: SentimentFormat;
  /** The column (TSV/CSV header) or JSON key holding the text. Default: "sentence" if present, else "text". */
  textField?: string;
  /** The column or key holding the label. Default: "label". */
  labelField?: string;
  /** Read only the first `limit` examples (the rest of the file is not parsed). */
  limit?: number;
  /**
   * Names for raw labels, e.g. { "0": "negative", "1": "positive" } for SST-2: each example's label is replaced
   * by its name as it is read (so probes and results say "positive", not "1"). Raw labels without a name stay.
   */
  labelNames?: Readonly<Record<string, string>>;
}

const DEFAULT_TEXT_FIELDS = ['sentence', 'text'];
const DEFAULT_LABEL_FIELD = 'label';

/**
 * Reads a sentiment dataset: TSV with a header (SST-2), CSV with a header (RFC 4180), or JSON lines. Texts are
 * trimmed; labels are kept as strings (JSON numbers and booleans become their text), renamed by `labelNames`
 * when given. Every problem is a
 * ProbeLensError('data') naming the file and line.
 */
export async function readSentimentFile(file: string, options: SentimentReadOptions = {}): Promise<SentimentDataset> {
  const format = options.format ?? formatOf(file);
  return parseSentiment(await readDataText(file), file, { ...options, format });
}

/** As readSentimentFile, from text already in memory; `file` is only used in messages. */
export function parseSentiment(content: string, file: string, options: SentimentReadOptions = {}): SentimentDataset {
  checkCount(options.limit, 'The limit');
  const format = options.format ?? formatOf(file);
  const collector = new ExampleCollector(file, options.limit, options.labelNames ?? {});
  const fields =
    format === 'jsonl'
      ? readJsonLines(content, file, options, collector)
      : readTable(format === 'csv' ? csvRecords(content, file) : tsvRecords(content), file, format, options, collector);
  if (collector.examples.length === 0) {
    const why = content.trim() === '' ? 'the file is empty' : 'the file has no data rows';
    throw dataError(file, undefined, `empty dataset: ${why}.`);
  }
  const notices: string[] = [];
  if (options.limit !== undefined && collector.examples.length < options.limit) {
    notices.push(shortfallNotice(file, options.limit, collector.examples.length, 'examples', 'the limit'));
  }
  return { task: 'sentiment', file, ...fields, examples: collector.examples, notices };
}

function formatOf(file: string): SentimentFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.tsv') return 'tsv';
  if (extension === '.csv') return 'csv';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  throw new ProbeLensError(
    `${file}: cannot tell the dataset format from the extension "${extension}". ` +
      'Name the file .tsv, .csv or .jsonl after its format.',
    'data',
  );
}

/** Builds examples, checking each, and says when the limit is reached. */
class ExampleCollector {
  readonly examples: SentimentExample[] = [];

  constructor(
    private readonly file: string,
    private readonly limit: number | undefined,
    private readonly labelNames: Readonly<Record<string, string>>,
  ) {}

  get full(): boolean {
    return this.limit !== undefined && this.examples.length >= this.limit;
  }

  add(rawText: string, rawLabel: string, fields: { textField: string; labelField: string }, line: number): void {
    const text = rawText.trim();
    const label = rawLabel.trim();
    if (text === '') throw dataError(this.file, line, `the text ("${fields.textField}") is empty.`);
    if (label === '') throw dataError(this.file, line, `the label ("${fields.labelField}") is empty.`);
    // Own keys only: a label such as "constructor" must not pick up an Object.prototype member.
    if (Object.hasOwn(this.labelNames, label)) this.examples.push({ text, label: this.labelNames[label], raw: label, line });
    else this.examples.push({ text, label, line });
  }
}

type FieldNames = { textField: string; labelField: string };

function readTable(
  records: Iterator<TableRecord>,
  file: string,
  format: 'tsv' | 'csv',
  options: SentimentReadOptions,
  collector: ExampleCollector,
): FieldNames {
  const first = records.next();
  if (first.done) throw dataError(file, undefined, 'empty dataset: the file is empty.');
  const header = first.value.fields.map((name) => name.trim());
  const headerLine = first.value.line;
  const pick = (wanted: string | undefined, defaults: string[], role: string): { name: string; column: number } => {
    const candidates = wanted === undefined ? defaults : [wanted];
    const name = candidates.find((candidate) => header.includes(candidate));
    if (name === undefined) {
      const expected = candidates.map((candidate) => `"${candidate}"`).join(' or ');
      throw dataError(
        file,
        headerLine,
        `the header has no ${role} column ${expected} (its columns: ${header.join(', ')}). Rename the ${role} column to ${expected}.`,
      );
    }
    return { name, column: header.indexOf(name) };
  };
  const text = pick(options.textField, DEFAULT_TEXT_FIELDS, 'text');
  const label = pick(options.labelField, [DEFAULT_LABEL_FIELD], 'label');
  const names = { textField: text.name, labelField: label.name };
  const separator = format === 'tsv' ? 'tab-separated' : 'comma-separated';
  for (let record = records.next(); !record.done && !collector.full; record = records.next()) {
    const { fields, line } = record.value;
    if (fields.length !== header.length) {
      const hint = format === 'tsv' ? ' (a tab inside the text?)' : ' (a comma in a field that is not quoted?)';
      const found = `found ${fields.length}${hint}`;
      throw dataError(file, line, `expected ${header.length} ${separator} columns as in the header, ${found}.`);
    }
    collector.add(fields[text.column], fields[label.column], names, line);
  }
  return names;
}

function readJsonLines(
  content: string,
  file: string,
  options: SentimentReadOptions,
  collector: ExampleCollector,
): FieldNames {
  const lines = splitLines(content);
  const labelField = options.labelField ?? DEFAULT_LABEL_FIELD;
  let textField = options.textField;
  for (let i = 0; i < lines.length && !collector.full; i++) {
    if (lines[i].trim() === '') continue;
    const line = i + 1;
    let record: unknown;
    try {
      record = JSON.parse(lines[i]);
    } catch (error) {
      throw dataError(file, line, `not a valid JSON line (${(error as Error).message}).`);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw dataError(file, line, 'expected a JSON object like {"text": ..., "label": ...}.');
    }
    const object = record as Record<string, unknown>;
    // The first record decides the default text key, so every line is read the same way.
    textField ??= DEFAULT_TEXT_FIELDS.find((key) => Object.hasOwn(object, key)) ?? 'text';
    const names = { textField, labelField };
    const field = (role: 'text' | 'label') => jsonField(object, names, role, file, line);
    collector.add(field('text'), field('label'), names, line);
  }
  return { textField: textField ?? 'text', labelField };
}

function jsonField(
  object: Record<string, unknown>,
  names: FieldNames,
  role: 'text' | 'label',
  file: string,
  line: number,
): string {
  const key = role === 'text' ? names.textField : names.labelField;
  if (!Object.hasOwn(object, key)) {
    const keys = Object.keys(object).join(', ');
    throw dataError(file, line, `no "${key}" key (its keys: ${keys}). Give every line a "${key}" key.`);
  }
  const value = object[key];
  if (typeof value === 'string') return value;
  if (role === 'label' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  const expected = role === 'label' ? 'a string, number or boolean' : 'a string';
  throw dataError(file, line, `"${key}" must be ${expected}, not ${JSON.stringify(value)}.`);
}
