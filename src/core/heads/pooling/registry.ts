import { createClsPooler } from './cls';
import { createLastPooler } from './last';
import { createMaxPooler } from './max';
import { createMeanPooler } from './mean';
import type { PoolerFactory, PoolingStrategy } from './types';
import { createWeightedPooler } from './weighted';

export const POOLER_FACTORIES: Readonly<Record<PoolingStrategy, PoolerFactory>> = {
  mean: createMeanPooler,
  max: createMaxPooler,
  weighted: createWeightedPooler,
  cls: createClsPooler,
  last: createLastPooler,
};
