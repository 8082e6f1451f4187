import { dataError } from './data-error';
import { splitLines } from './read-text';

/** One row of a tabular file: its fields and the line it starts on (1-based). Blank lines yield nothing. */
export interface TableRecord {
  fields: string[];
  line: number;
}

/**
 * Tab-separated rows, SST-2 / GLUE style: one row per line, fields split on every tab, no quoting (quotes are
 * ordinary characters, as GLUE's files need: their sentences contain unbalanced quotes).
 */
export function* tsvRecords(text: string): Generator<TableRecord> {
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '') yield { fields: lines[i].split('\t'), line: i + 1 };
  }
}

/**
 * Comma-separated records as RFC 4180 writes them: a field in double quotes may hold commas, line breaks and
 * doubled quotes (""); lines end in \r\n or \n. Lenient where the RFC is silent: a quote inside an unquoted
 * field is kept as an ordinary character. A quoted field left open, or text after a closing quote, is an
 * error naming the line.
 */
export function* csvRecords(text: string, file: string): Generator<TableRecord> {
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const openedOn = line;
        i++;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote < 0) throw dataError(file, openedOn, 'a quoted field is opened here and never closed.');
          field += text.slice(i, quote);
          line += countNewlines(text, i, quote);
          i = quote + 1;
          if (text[i] !== '"') break;
          field += '"';
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          const advice = 'a quote inside a quoted field is written ""';
          throw dataError(file, line, `unexpected text after a closing quote (${advice}).`);
        }
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n') j++;
        field = text.slice(i, text[j] === '\n' && text[j - 1] === '\r' && j > i ? j - 1 : j);
        i = j;
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      // End of the record: a line break (\r\n or \n) or the end of the text.
      if (text[i] === '\r') i++;
      if (i < n) {
        i++;
        line++;
      }
      break;
    }
    if (fields.length > 1 || fields[0] !== '') yield { fields, line: recordLine };
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = text.indexOf('\n', from); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) count++;
  return count;
}
