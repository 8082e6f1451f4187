import { gatherRows } from '../autograd';
import type { PoolerFactory } from './types';

/** The first token's vector ([CLS] in the BERT family). */
export const createClsPooler: PoolerFactory = () => ({
  pool: (tape, tokens, offsets) => ({ pooled: gatherRows(tape, tokens, offsets.subarray(0, offsets.length - 1)) }),
});
