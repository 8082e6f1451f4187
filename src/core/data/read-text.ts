import { readFile } from 'node:fs/promises';
import { dataError } from './data-error';

/** A data file's text, without a leading byte-order mark; a missing or unreadable file is a 'data' error. */
export async function readDataText(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : String(error);
    throw dataError(file, undefined, `cannot read the dataset: ${why}.`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits text into lines, accepting \n and \r\n endings; line i of the result is line i + 1 of the file. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  }
  return lines;
}
