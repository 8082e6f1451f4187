import { readFile } from 'node:fs/promises';
import { decodeText } from '../text-decoding';
import { dataError } from './data-error';

/**
 * A data file's text (UTF-8 with or without a byte-order mark, or UTF-16 with one; see decodeText), without
 * the mark; a missing, unreadable, binary or otherwise encoded file is a 'data' error naming it.
 */
export async function readDataText(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : String(error);
    throw dataError(file, undefined, `cannot read the dataset: ${why}.`);
  }
  return decodeText(bytes, file, 'data');
}

/** Splits text into lines, accepting \n and \r\n endings; line i of the result is line i + 1 of the file. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  }
  return lines;
}
