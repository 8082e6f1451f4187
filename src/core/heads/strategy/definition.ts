import type { Task } from '../../task';
import type { HeadOps } from './ops';
import type { ParameterSpec } from './parameters';

/** The encoder shape a head is built for. */
export interface HeadShape {
  hiddenSize: number;
  /** L + 1 layer outputs the encoder yields: the embeddings output z_0 and every block's output up to z_L. */
  numLayers: number;
  numLabels: number;
}

/** A row-major matrix of values: what an eager tensor holds and what a graph run returns. */
export interface Matrix {
  data: ArrayLike<number>;
  rows: number;
  cols: number;
}

/**
 * What a head computes, in any interpreter's values: the classifier's logits and the pictures its strategy
 * draws. The eager forward, the ONNX graphs and the compare result all use this one shape.
 */
export interface HeadOutput<V> {
  /** [sentences x labels] for sentiment, [words x labels] for ner. */
  logits: V;
  /** A pooling's weight of each token within its sentence, [tokens x 1] (weighted pooling's a_t). */
  tokenWeights?: V;
  /** How much each layer contributed: [words x L+1] when it differs per word (DWAtt's α), [1 x L+1] when one mix serves all (ScalarMix). */
  layerWeights?: V;
  /** A learned scale of the mix, [1 x 1] (ScalarMix's γ). */
  scale?: V;
}

/** A strategy's own output, before the classifier: one vector per sentence (pooling) or word (fusion). */
export type StrategyOutput<V> = Omit<HeadOutput<V>, 'logits'> & { vectors: V };

/**
 * One strategy, stated once: its parameters and its forward math over HeadOps. A pooling strategy reads the
 * last layer's token rows of a batch of sentences and returns one vector per sentence; a fusion strategy reads
 * word rows (of the top layer, or the stack of every layer) and returns one vector per word.
 */
export interface Strategy {
  readonly task: Task;
  readonly name: string;
  /** 'top': the input is the last layer's rows [rows x d]; 'all': the stack of the L + 1 layers [L x rows x d]. */
  readonly reads: 'top' | 'all';
  /**
   * AdamW's learning rate when the caller gives none, for strategies with parameters (default 1e-3, for heads
   * with hidden layers; shallow ones that add a few weights to the classifier take 1e-2).
   */
  readonly learningRate?: number;
  /** Width of the vectors (default: the hidden size). */
  width?(shape: HeadShape): number;
  /** Its parameters for an encoder shape, in creation order (none: the classifier alone is trained). */
  parameters(shape: HeadShape): ParameterSpec[];
  forward<V>(ops: HeadOps<V>, input: V, shape: HeadShape): StrategyOutput<V>;
}

/** True when the strategy has no parameters of its own (mean, max, cls, last): only its classifier trains. */
export function isParameterFree(strategy: Strategy): boolean {
  return strategy.parameters({ hiddenSize: 4, numLayers: 2, numLabels: 2 }).length === 0;
}

export function strategyWidth(strategy: Strategy, shape: HeadShape): number {
  return strategy.width?.(shape) ?? shape.hiddenSize;
}
