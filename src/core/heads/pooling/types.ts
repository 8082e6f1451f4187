import type { Offsets, Tape, Tensor } from '../autograd';
import type { ParameterStore } from '../parameters';

/** Sentence → vector strategies (sentence-transformers names). */
export const POOLING_STRATEGIES = ['mean', 'max', 'weighted', 'cls', 'last'] as const;
export type PoolingStrategy = (typeof POOLING_STRATEGIES)[number];

export interface PoolingShape {
  hiddenSize: number;
}

export interface PooledBatch {
  /** [sentences x hiddenSize]. */
  pooled: Tensor;
  /** [tokens x 1]: each token's weight within its sentence, for strategies that learn one (weighted). */
  tokenWeights?: Tensor;
}

/**
 * Pools the last layer's token vectors of a batch of sentences, packed into one [tokens x hiddenSize] matrix
 * (sentence b is rows offsets[b] .. offsets[b + 1] − 1; packing means there is no padding to mask).
 */
export interface Pooler {
  pool(tape: Tape, tokens: Tensor, offsets: Offsets): PooledBatch;
}

/** Builds a pooler, registering its parameters (if any) in `parameters`. */
export type PoolerFactory = (shape: PoolingShape, parameters: ParameterStore) => Pooler;
