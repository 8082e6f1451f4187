import { segmentMax } from '../autograd';
import type { PoolerFactory } from './types';

/** The element-wise maximum over a sentence's token vectors. */
export const createMaxPooler: PoolerFactory = () => ({
  pool: (tape, tokens, offsets) => ({ pooled: segmentMax(tape, tokens, offsets) }),
});
