import type { Parameter } from '../autograd';
import type { Probe } from '../probe/store';
import type { GraphBuilder } from './graph-builder';
import { linear, softmaxRows } from './ops';

/** Graph tensors one head produces: what its JS forward returns, after the classifier's softmax. */
export interface HeadTensors {
  /** [rows x labels]: one row per text (sentiment) or word (ner). */
  probabilities: string;
  /** Weighted pooling's a_t, [tokens x 1]. */
  tokenWeights?: string;
  /** DWAtt's α [words x layers] or ScalarMix's softmax(s) [1 x layers]. */
  layerWeights?: string;
  /** ScalarMix's γ (a constant of the probe, shown beside its weights). */
  scale?: number;
}

/** A probe whose weights the graph builder cannot map (a strategy or parameter it does not know). */
export class UnsupportedHeadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedHeadError';
  }
}

/** The head's parameter called `name`. */
export function parameter(probe: Probe, name: string): Parameter {
  const found = probe.head.parameters.find((p) => p.name === name);
  if (!found) throw new UnsupportedHeadError(`the ${probe.config.strategy} probe has no parameter ${name}`);
  return found;
}

/** The classifier and its softmax on the strategy's vectors [rows x hidden]. */
export function classify(g: GraphBuilder, probe: Probe, vectors: string, extras: Omit<HeadTensors, 'probabilities'> = {}): HeadTensors {
  const { weight, bias } = probe.head.classifier;
  return { probabilities: softmaxRows(g, linear(g, vectors, weight, bias)), ...extras };
}
