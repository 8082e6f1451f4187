import * as os from 'node:os';
import type { Encoder } from '../encoders/types';
import { ProbeLensError } from '../errors';
import { formatBytes } from '../format-bytes';
import { trainingMemory } from '../heads/graph/training-memory';
import { strategyFor } from '../heads/registry';
import type { HeadShape } from '../heads/strategy/definition';
import type { Task } from '../task';
import type { FeatureSource } from './features/features';

/** What training one head will take, said before it starts. */
export interface HeadPlan {
  strategy: string;
  parameters: number;
  /** Estimated bytes of memory for the head's training (see trainingMemory). */
  bytes: number;
}

/**
 * The most rows one training step can hold: the `batchSize` longest examples' rows (their words for ner; their
 * tokens, special ones included, for sentiment).
 */
export function rowsPerStep(encoder: Encoder, source: FeatureSource, batchSize: number): number {
  if (source.kind === 'word-layers') {
    return source.sentences
      .map((words) => words.length)
      .sort((a, b) => b - a)
      .slice(0, batchSize)
      .reduce((n, rows) => n + rows, 0);
  }
  const { tokenizer } = encoder;
  return [...source.texts]
    .sort((a, b) => b.length - a.length)
    .slice(0, batchSize)
    .reduce((n, text) => n + tokenizer.tokenize(text).length + tokenizer.specialCount, 0);
}

/** Bytes of memory available to this process: what the system has free, within any container limit. */
export function availableMemory(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  return limit > 0 ? Math.min(os.freemem(), limit) : os.freemem();
}

/**
 * Each head's parameter count and training memory for batches of `rows` rows. Throws before anything is
 * extracted when a head would not fit in `available` bytes, naming it and what it needs.
 */
export function planHeads(task: Task, strategies: readonly string[], shape: HeadShape, rows: number, available = availableMemory()): HeadPlan[] {
  const plans = strategies.map((strategy) => ({ strategy, ...trainingMemory(strategyFor(task, strategy), shape, rows) }));
  const tooBig = plans.filter((p) => p.bytes > available);
  if (tooBig.length > 0) {
    const heads = tooBig.map((p) => `${p.strategy} (${p.parameters.toLocaleString('en-US')} parameters, about ${formatBytes(p.bytes)})`).join(', ');
    throw new ProbeLensError(
      `Not enough memory to train ${tooBig.length === 1 ? 'the head' : 'the heads'} ${heads} on this encoder ` +
        `(${shape.numLayers - 1} layers × ${shape.hiddenSize}, batches of up to ${rows} rows): ${formatBytes(available)} is available. ` +
        'Leave these strategies out, or use a smaller encoder or smaller batches.',
      'bad-input',
    );
  }
  return plans;
}
