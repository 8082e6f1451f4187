import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';

/** One text of reference/hidden_states.json. */
export interface ReferenceItem {
  text: string;
  input_ids: number[];
  tokens: string[];
  offsets: [number, number][];
  special_tokens_mask: number[];
  /** [layer][token][dim] */
  hidden_states: number[][][];
}

export interface Reference {
  layers: number;
  tensor_names?: string[];
  items: ReferenceItem[];
}

export function readReference(modelDir: string): Reference {
  return JSON.parse(readFileSync(path.join(modelDir, 'reference', 'hidden_states.json'), 'utf8')) as Reference;
}

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(prefix = 'probe-lens-encoders-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Largest |a - b| between a row-major [tokens x hidden] matrix and a reference [token][dim] array. */
export function maxAbsDiff(actual: Float32Array, expected: number[][]): number {
  const hidden = expected[0]?.length ?? 0;
  let max = 0;
  expected.forEach((row, t) =>
    row.forEach((value, d) => {
      max = Math.max(max, Math.abs(value - actual[t * hidden + d]));
    }),
  );
  return max;
}

export function maxAbsDiffArrays(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
