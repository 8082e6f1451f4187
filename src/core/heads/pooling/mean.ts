import { segmentMean } from '../autograd';
import type { PoolerFactory } from './types';

/** The average of a sentence's token vectors (special tokens included, as the reference protocol does). */
export const createMeanPooler: PoolerFactory = () => ({
  pool: (tape, tokens, offsets) => ({ pooled: segmentMean(tape, tokens, offsets) }),
});
