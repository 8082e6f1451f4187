import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Encoder } from '../../../src/core/encoders/types';
import { createHead } from '../../../src/core/heads/head';
import { type Task } from '../../../src/core/task';
import { PROBE_FORMAT } from '../../../src/core/heads/probe/config';
import type { Probe } from '../../../src/core/heads/probe/store';
import { StandardizerFitter } from '../../../src/core/heads/standardizer';
import { Random } from '../../../src/core/random';
import { DATA_DIR } from '../../shared-path';

/** The IMDB test reviews of ../shared, joined: a source of real text of any length. */
export function imdbText(): string {
  return readFileSync(path.join(DATA_DIR, 'imdb', 'test-1k.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text)
    .join('\n\n');
}

/** `count` words of `source` starting at a random word. */
export function randomSlice(source: string, count: number, random: Random): string {
  const words = source.split(/\s+/).filter((w) => w !== '');
  const start = random.int(words.length - count);
  return words.slice(start, start + count).join(' ');
}

/**
 * A probe of `strategy` for `encoder` with every weight moved off its initial value (a fresh head has
 * ScalarMix's even mix, unit gains and zero biases, which would hide mistakes), standardised on the encoder's
 * own features of `fitTexts` as training does.
 */
export async function randomProbe(encoder: Encoder, task: Task, strategy: string, seed: number, fitTexts: string[]): Promise<Probe> {
  const { hiddenSize, layers } = encoder.identity;
  const labels = task === 'sentiment' ? ['negative', 'positive'] : ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'];
  const shape = { hiddenSize, numLayers: layers + 1, numLabels: labels.length };
  const head = createHead(task, strategy, shape, seed);
  const random = new Random(seed + 1);
  for (const p of head.parameters) {
    for (let i = 0; i < p.data.length; i++) p.data[i] += ((2 * random.next() - 1) * 0.5) / Math.sqrt(p.rows);
  }
  const fitted = task === 'sentiment' ? [layers] : Array.from({ length: layers + 1 }, (_, l) => l);
  const fitter = new StandardizerFitter(fitted.length, hiddenSize);
  for (const states of await encoder.encode(fitTexts)) fitter.add(fitted.map((l) => states.layers[l]));
  return {
    config: {
      format: PROBE_FORMAT,
      task,
      strategy,
      labels,
      encoder: encoder.identity,
      shape,
      parameterCount: head.parameterCount,
      seed,
      hyperparameters: {} as Probe['config']['hyperparameters'],
      training: { file: 'random', examples: 0, dev: 'none', devExamples: 0 },
      metrics: {},
      bestEpoch: 0,
      epochsRun: 0,
      trainedAt: new Date(0).toISOString(),
    },
    head,
    standardizer: fitter.fit(),
  };
}

/** Largest |a − b| over two equally long lists of numbers. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
