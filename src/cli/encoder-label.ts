import * as path from 'node:path';

/** A short name for an encoder in progress lines and headings: a hub id as is, a folder by its last part. */
export function encoderLabel(name: string): string {
  return path.isAbsolute(name) ? path.basename(name.replace(/[\\/]+$/, '')) || name : name;
}
