import { createConcatFuser } from './concat';
import { createDwattFuser } from './dwatt';
import { createLastFuser } from './last';
import { createLastMlpFuser } from './last-mlp';
import { createScalarMixFuser } from './scalarmix';
import type { FuserFactory, FusionStrategy } from './types';

export const FUSER_FACTORIES: Readonly<Record<FusionStrategy, FuserFactory>> = {
  last: createLastFuser,
  'last+mlp': createLastMlpFuser,
  scalarmix: createScalarMixFuser,
  concat: createConcatFuser,
  dwatt: createDwattFuser,
};
