import { gatherRows } from '../autograd';
import type { PoolerFactory } from './types';

/** The last token's vector: in a causal model (GPT family) the only one that has seen the whole sentence. */
export const createLastPooler: PoolerFactory = () => ({
  pool: (tape, tokens, offsets) => {
    const lastRows = new Int32Array(offsets.length - 1);
    for (let b = 0; b < lastRows.length; b++) lastRows[b] = offsets[b + 1] - 1;
    return { pooled: gatherRows(tape, tokens, lastRows) };
  },
});
