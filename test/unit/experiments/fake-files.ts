import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { fakeNer, fakeSentiment } from '../train/fake-data';

const created: string[] = [];
after(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'experiments-'));
  created.push(dir);
  return dir;
}

/** A sentiment TSV (header sentence<TAB>label) of `count` fake sentences. */
export function sentimentFile(dir: string, name: string, count: number, seed: number): string {
  const file = path.join(dir, name);
  const rows = fakeSentiment(count, seed).examples.map((e) => `${e.text}\t${e.label}`);
  fs.writeFileSync(file, ['sentence\tlabel', ...rows, ''].join('\n'));
  return file;
}

/** A two-column CoNLL file (word TAB tag, IOB2) of `count` fake sentences; `extra` lines are appended as one more sentence. */
export function conllFile(dir: string, name: string, count: number, seed: number, extra: string[] = []): string {
  const file = path.join(dir, name);
  const blocks = fakeNer(count, seed).sentences.map((s) => s.words.map((w, i) => `${w}\t${s.tags[i]}`).join('\n'));
  if (extra.length > 0) blocks.push(extra.join('\n'));
  fs.writeFileSync(file, `${blocks.join('\n\n')}\n`);
  return file;
}
