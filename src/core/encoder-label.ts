import * as path from 'node:path';

/** A short name for messages: the hub id, or a model folder's last part. */
export function encoderLabel(name: string): string {
  return path.isAbsolute(name) ? path.basename(name.replace(/[\\/]+$/, '')) || name : name;
}
