import type { FuserFactory } from './types';

/** The last layer z_L as it is: the usual probing baseline. */
export const createLastFuser: FuserFactory = () => ({
  reads: 'top',
  fuse: (_tape, layers) => ({ fused: layers[layers.length - 1] }),
});
