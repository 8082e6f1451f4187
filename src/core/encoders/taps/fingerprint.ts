import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-write';

/** sha256 of a file, streamed (models are hundreds of MB). */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

interface Memo {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/**
 * The file's sha256, remembered in memoDir per (path, size, mtime) so that loading a cached model does not
 * re-read hundreds of MB on every start.
 */
export async function fingerprintFile(file: string, memoDir: string): Promise<string> {
  const stat = await fs.stat(file);
  const memoFile = path.join(memoDir, `${createHash('sha256').update(path.resolve(file)).digest('hex')}.json`);
  try {
    const memo = JSON.parse(await fs.readFile(memoFile, 'utf8')) as Memo;
    if (memo.size === stat.size && memo.mtimeMs === stat.mtimeMs && /^[0-9a-f]{64}$/.test(memo.sha256)) {
      return memo.sha256;
    }
  } catch {
    // No memo yet, or a damaged one: hash the file.
  }
  const sha256 = await sha256File(file);
  const memo: Memo = { size: stat.size, mtimeMs: stat.mtimeMs, sha256 };
  await writeFileAtomic(memoFile, [new TextEncoder().encode(JSON.stringify(memo))]);
  return sha256;
}
