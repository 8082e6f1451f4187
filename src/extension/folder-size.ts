import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Bytes of every file under `folder` (0 when it does not exist); symbolic links are not followed. */
export async function folderSize(folder: string): Promise<number> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) total += await folderSize(full);
    else if (entry.isFile()) total += (await fs.stat(full).catch(() => ({ size: 0 }))).size;
  }
  return total;
}
