import { createHead } from '../../../src/core/heads/head';
import { type Task } from '../../../src/core/task';
import { PROBE_FORMAT, type ProbeConfig } from '../../../src/core/heads/probe/config';
import type { Probe } from '../../../src/core/heads/probe/store';
import { Standardizer } from '../../../src/core/heads/standardizer';
import { fakeIdentity } from '../train/fake-encoder';

export const identity = fakeIdentity({ layers: 3, hiddenSize: 6 });
const shape = { hiddenSize: 6, numLayers: 4, numLabels: 3 };

/** A small probe of any strategy with seeded weights, trained at `trainedAt` (default: the epoch). */
export function makeProbe(task: Task, strategy: string, seed: number, trainedAt = new Date(0)): Probe {
  const head = createHead(task, strategy, shape, seed);
  const layers = task === 'sentiment' ? 1 : shape.numLayers;
  const standardizer = new Standardizer(
    Array.from({ length: layers }, (_, l) => Float32Array.from({ length: 6 }, (_, j) => 0.1 * (l + j))),
    Array.from({ length: layers }, (_, l) => Float32Array.from({ length: 6 }, (_, j) => 1 + 0.01 * (l * j))),
  );
  const config: ProbeConfig = {
    format: PROBE_FORMAT,
    task,
    strategy,
    labels: task === 'sentiment' ? ['neg', 'neu', 'pos'] : ['O', 'B-LOC', 'I-LOC'],
    encoder: identity,
    shape,
    parameterCount: head.parameterCount,
    seed,
    hyperparameters: { learningRate: 1e-3, weightDecay: 0.01, batchSize: 32, epochs: 3, patience: 2, schedule: 'linear' },
    training: { file: 'train.tsv', examples: 10, dev: 'dev.tsv', devExamples: 5 },
    metrics: { accuracy: 0.5 },
    bestEpoch: 2,
    epochsRun: 3,
    trainedAt: trainedAt.toISOString(),
  };
  return { config, head, standardizer };
}

