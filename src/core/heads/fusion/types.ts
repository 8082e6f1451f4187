import type { Tape, Tensor } from '../autograd';
import type { ParameterStore } from '../parameters';

/** Token → vector strategies over the L + 1 layer outputs. */
export const FUSION_STRATEGIES = ['last', 'last+mlp', 'scalarmix', 'concat', 'dwatt'] as const;
export type FusionStrategy = (typeof FUSION_STRATEGIES)[number];

export interface FusionShape {
  hiddenSize: number;
  /** L + 1: the embeddings output z_0 and every block's output up to z_L. */
  numLayers: number;
}

export interface FusedBatch {
  /** [tokens x hiddenSize]. */
  fused: Tensor;
  /**
   * How much each layer contributed: [tokens x numLayers] when it differs per token (DWAtt's α),
   * [1 x numLayers] when one mix serves every token (ScalarMix's softmax(s)).
   */
  layerWeights?: Tensor;
  /** ScalarMix's γ. */
  scale?: number;
}

/**
 * Fuses one vector per token. `reads` says which layers it needs: 'all' gets numLayers tensors of
 * [tokens x hiddenSize], z_0 first; 'top' gets only [z_L] (so callers need not copy the others).
 */
export interface Fuser {
  readonly reads: 'top' | 'all';
  fuse(tape: Tape, layers: readonly Tensor[]): FusedBatch;
}

/** Builds a fuser, registering its parameters (if any) in `parameters`. */
export type FuserFactory = (shape: FusionShape, parameters: ParameterStore) => Fuser;
