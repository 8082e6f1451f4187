import { ProbeLensError } from '../errors';
import type { DatasetFileSpec, DatasetSpec } from './catalogue';
import { parseConll } from './conll-reader';
import { labelList } from './labels';
import { splitLines } from './read-text';
import { parseSentiment } from './sentiment-reader';

/**
 * Checks that downloaded bytes are the dataset file they should be before anything is written to the cache:
 * text, not an HTML page; readable by the dataset reader; as many items as the published file; the expected
 * labels. Servers answer a wrong address with an HTML page and status 200 often enough that status alone
 * proves nothing. Throws a 'download' error naming the URL and what was wrong.
 */
export function checkDownloadedFile(
  bytes: Uint8Array,
  dataset: DatasetSpec,
  file: DatasetFileSpec,
  url: string,
  contentType = '',
): void {
  const wrong = (why: string) =>
    new ProbeLensError(
      `${url} did not give ${dataset.title} ${file.path}: ${why} Check the URL (or the mirror base URL) and try again.`,
      'download',
    );
  if (bytes.length === 0) throw wrong('the response is empty.');
  if (looksLikeHtml(bytes, contentType)) {
    throw wrong('the server sent an HTML page (an error, login or "moved" page?), not the data file.');
  }
  if (bytes.includes(0)) throw wrong('the response is binary, not a text file.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw wrong('the response is not UTF-8 text.');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  let items: number;
  let labels: string[];
  try {
    if (dataset.task === 'sentiment') {
      // GLUE's TSV header, checked exactly: a different header means a different file, not another layout.
      const header = splitLines(text.slice(0, 200))[0];
      if (header !== 'sentence\tlabel') {
        throw wrong(`the first line is "${header.slice(0, 60)}", not the header "sentence<TAB>label".`);
      }
      const parsed = parseSentiment(text, url, { format: 'tsv' });
      items = parsed.examples.length;
      labels = labelList(parsed);
    } else {
      const parsed = parseConll(text, url);
      items = parsed.sentences.length;
      labels = parsed.entityTypes;
    }
  } catch (error) {
    if (error instanceof ProbeLensError && error.code === 'data') throw wrong(`it does not read as this dataset (${error.message}).`);
    throw error;
  }
  const unit = dataset.task === 'sentiment' ? 'examples' : 'sentences';
  if (items < file.items) {
    throw wrong(`it has ${items} ${unit} where the published file has ${file.items}: the download is incomplete or a different file.`);
  }
  const expected = [...dataset.labels].sort();
  if (labels.join('\n') !== expected.join('\n')) {
    throw wrong(`its labels are ${labels.join(', ')}, not ${expected.join(', ')}.`);
  }
}

function looksLikeHtml(bytes: Uint8Array, contentType: string): boolean {
  if (/^\s*text\/html\b/i.test(contentType)) return true;
  const start = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  return start.startsWith('<!doctype') || start.startsWith('<html') || start.startsWith('<?xml') || start.startsWith('<head');
}
