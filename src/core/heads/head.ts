import { ProbeLensError } from '../errors';
import { Random } from '../random';
import { linear, type Offsets, type Parameter, type Tape, type Tensor } from './autograd';
import { FUSER_FACTORIES } from './fusion/registry';
import { FUSION_STRATEGIES, type FusionStrategy } from './fusion/types';
import { type LinearParameters, ParameterStore } from './parameters';
import { POOLER_FACTORIES } from './pooling/registry';
import { POOLING_STRATEGIES, type PoolingStrategy } from './pooling/types';

/** sentiment: pooling heads over one sentence; ner: fusion heads tagging every word. */
export type Task = 'sentiment' | 'ner';

export interface HeadShape {
  hiddenSize: number;
  /** L + 1 layer outputs the encoder yields (fusion heads read them all; pooling heads read the last). */
  numLayers: number;
  numLabels: number;
}

/**
 * Inputs of one forward pass: `layers` holds the head's inputLayers, in that order. sentiment: the last
 * layer's token vectors of every sentence, packed; offsets delimit the sentences. ner: the words' vectors of
 * each input layer, one row per word; offsets delimit the sentences (fusion is per word, so they matter only
 * to callers).
 */
export interface HeadBatch {
  layers: readonly Tensor[];
  offsets: Offsets;
}

export interface HeadOutput {
  /** [sentences x labels] for sentiment, [words x labels] for ner. */
  logits: Tensor;
  /** Weighted pooling's a_t, [tokens x 1]. */
  tokenWeights?: Tensor;
  /** DWAtt's α [words x layers] or ScalarMix's [1 x layers]. */
  layerWeights?: Tensor;
  /** ScalarMix's γ. */
  scale?: number;
}

/** What a head's strategy stage produces, before the classifier. */
export type EncodedBatch = Omit<HeadOutput, 'logits'> & { vectors: Tensor };

/** A strategy followed by a linear softmax classifier: the trainable unit saved as one probe. */
export interface Head {
  readonly task: Task;
  readonly strategy: string;
  readonly shape: HeadShape;
  readonly parameters: readonly Parameter[];
  readonly parameterCount: number;
  /**
   * Which layers of its features the head reads: indices among the layers a feature set keeps (sentiment
   * features keep only the last layer, [0]; ner features keep z_0 … z_L, and `last` needs only the top one).
   */
  readonly inputLayers: readonly number[];
  /**
   * True when the strategy stage has no parameters (mean, max, cls, last pooling; last fusion): its vectors
   * never change, so a trainer may compute them once and fit only the classifier.
   */
  readonly fixedVectors: boolean;
  /** The classifier's weight [hiddenSize x labels] and bias [1 x labels]. */
  readonly classifier: LinearParameters & { bias: Parameter };
  /** The strategy stage alone: one vector per sentence (sentiment) or word (ner). */
  encode(tape: Tape, batch: HeadBatch): EncodedBatch;
  forward(tape: Tape, batch: HeadBatch): HeadOutput;
}

export function strategiesFor(task: Task): readonly string[] {
  return task === 'sentiment' ? POOLING_STRATEGIES : FUSION_STRATEGIES;
}

/** Throws a user-facing error when `strategy` is not one of the task's strategies. */
export function checkStrategy(task: Task, strategy: string): void {
  const known = strategiesFor(task);
  if (!known.includes(strategy)) {
    const kind = task === 'sentiment' ? 'pooling' : 'fusion';
    throw new ProbeLensError(`Unknown ${kind} strategy "${strategy}" for ${task}; choose from ${known.join(', ')}.`, 'bad-input');
  }
}

/** Builds a head with weights drawn from `seed` (a loaded probe overwrites them afterwards). */
export function createHead(task: Task, strategy: string, shape: HeadShape, seed: number): Head {
  checkStrategy(task, strategy);
  const parameters = new ParameterStore(new Random(seed));
  const { encode, inputLayers } =
    task === 'sentiment' ? poolingEncoder(strategy as PoolingStrategy, shape, parameters) : fusionEncoder(strategy as FusionStrategy, shape, parameters);
  const fixedVectors = parameters.count === 0;
  const { weight, bias } = parameters.linear('classifier', shape.hiddenSize, shape.numLabels);
  const classifier = { weight, bias: bias! };
  const checkedEncode = (tape: Tape, batch: HeadBatch) => {
    if (batch.layers.length !== inputLayers.length) throw new Error(`${strategy} head reads ${inputLayers.length} layers, got ${batch.layers.length}`);
    return encode(tape, batch);
  };
  return {
    task,
    strategy,
    shape,
    parameters: parameters.list,
    parameterCount: parameters.count,
    inputLayers,
    fixedVectors,
    classifier,
    encode: checkedEncode,
    forward(tape, batch) {
      const { vectors, ...weights } = checkedEncode(tape, batch);
      return { logits: linear(tape, vectors, classifier.weight, classifier.bias), ...weights };
    },
  };
}

interface VectorEncoder {
  encode: (tape: Tape, batch: HeadBatch) => EncodedBatch;
  inputLayers: number[];
}

function poolingEncoder(strategy: PoolingStrategy, shape: HeadShape, parameters: ParameterStore): VectorEncoder {
  const pooler = POOLER_FACTORIES[strategy](shape, parameters);
  return {
    inputLayers: [0],
    encode: (tape, batch) => {
      const { pooled, tokenWeights } = pooler.pool(tape, batch.layers[0], batch.offsets);
      return { vectors: pooled, tokenWeights };
    },
  };
}

function fusionEncoder(strategy: FusionStrategy, shape: HeadShape, parameters: ParameterStore): VectorEncoder {
  const fuser = FUSER_FACTORIES[strategy](shape, parameters);
  return {
    inputLayers: fuser.reads === 'top' ? [shape.numLayers - 1] : Array.from({ length: shape.numLayers }, (_, l) => l),
    encode: (tape, batch) => {
      const { fused, layerWeights, scale } = fuser.fuse(tape, batch.layers);
      return { vectors: fused, layerWeights, scale };
    },
  };
}
