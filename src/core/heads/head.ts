import { Random } from '../random';
import type { Task } from '../task';
import type { Parameter, Tape, Tensor } from './autograd';
import { asTensors, EagerOps } from './eager/eager-ops';
import { strategyFor } from './registry';
import { type HeadOutput, type HeadShape, isParameterFree, type Strategy, type StrategyOutput, strategyWidth } from './strategy/definition';
import type { HeadOps } from './strategy/ops';
import { createParameters, linearParameters, type ParameterSpec } from './strategy/parameters';

/**
 * Inputs of one forward pass: `layers` holds the head's inputLayers, in that order. sentiment: the last
 * layer's token vectors of every sentence, packed; offsets delimit the sentences. ner: the words' vectors of
 * each input layer, one row per word; offsets delimit the sentences (fusion is per word, so they matter only
 * to callers).
 */
export interface HeadBatch {
  layers: readonly Tensor[];
  offsets: Int32Array;
}

/** A strategy followed by a linear softmax classifier: the trainable unit saved as one probe. */
export interface Head {
  readonly task: Task;
  readonly strategy: Strategy;
  readonly shape: HeadShape;
  /** Every parameter's declaration, the strategy's first, then the classifier's. */
  readonly specs: readonly ParameterSpec[];
  readonly parameters: readonly Parameter[];
  readonly parameterCount: number;
  /**
   * Which layers of its features the head reads: indices among the layers a feature set keeps (sentiment
   * features keep only the last layer, [0]; ner features keep z_0 … z_L, and `last` needs only the top one).
   */
  readonly inputLayers: readonly number[];
  /**
   * True when the strategy has no parameters (mean, max, cls, last pooling; last fusion): its vectors never
   * change, so a trainer may compute them once and fit only the classifier.
   */
  readonly fixedVectors: boolean;
  /** The classifier's weight [width x labels] and bias [1 x labels]. */
  readonly classifier: { weight: Parameter; bias: Parameter };
  /** The strategy alone, eagerly on the tape: one vector per sentence (sentiment) or word (ner). */
  encode(tape: Tape, batch: HeadBatch): StrategyOutput<Tensor>;
  /** The whole head, eagerly on the tape. */
  forward(tape: Tape, batch: HeadBatch): HeadOutput<Tensor>;
}

/** The parameters of the classifier on a strategy's vectors. */
export function classifierParameters(strategy: Strategy, shape: HeadShape): ParameterSpec[] {
  return linearParameters('classifier', strategyWidth(strategy, shape), shape.numLabels);
}

/** Every parameter of a head: the strategy's, then the classifier's. */
export function headParameters(strategy: Strategy, shape: HeadShape): ParameterSpec[] {
  return [...strategy.parameters(shape), ...classifierParameters(strategy, shape)];
}

/** The head's math in any interpreter: the strategy on its input, then the classifier. */
export function headForward<V>(ops: HeadOps<V>, strategy: Strategy, input: V, shape: HeadShape): HeadOutput<V> {
  const { vectors, ...pictures } = strategy.forward(ops, input, shape);
  return { logits: ops.linear(vectors, ops.param('classifier.weight'), ops.param('classifier.bias')), ...pictures };
}

/** Which of the L + 1 layer outputs a strategy reads, as indices among a task's feature layers. */
export function inputLayersOf(strategy: Strategy, shape: HeadShape): number[] {
  if (strategy.task === 'sentiment') return [0];
  return strategy.reads === 'top' ? [shape.numLayers - 1] : Array.from({ length: shape.numLayers }, (_, l) => l);
}

/** Builds a head with weights drawn from `seed` (a loaded probe overwrites them afterwards). */
export function createHead(task: Task, name: string, shape: HeadShape, seed: number): Head {
  const strategy = strategyFor(task, name);
  const specs = headParameters(strategy, shape);
  const parameters = createParameters(specs, new Random(seed));
  const byName = new Map(parameters.map((p) => [p.name, p]));
  const inputLayers = inputLayersOf(strategy, shape);
  const eager = (tape: Tape, batch: HeadBatch) => {
    if (batch.layers.length !== inputLayers.length) throw new Error(`${name} head reads ${inputLayers.length} layers, got ${batch.layers.length}`);
    const ops = new EagerOps(tape, byName, batch.offsets);
    return { ops, input: strategy.reads === 'all' ? ops.stack(batch.layers) : ops.matrix(batch.layers[batch.layers.length - 1]) };
  };
  return {
    task,
    strategy,
    shape,
    specs,
    parameters,
    parameterCount: parameters.reduce((n, p) => n + p.size, 0),
    inputLayers,
    fixedVectors: isParameterFree(strategy),
    classifier: { weight: byName.get('classifier.weight')!, bias: byName.get('classifier.bias')! },
    encode(tape, batch) {
      const { ops, input } = eager(tape, batch);
      return asTensors(strategy.forward(ops, input, shape));
    },
    forward(tape, batch) {
      const { ops, input } = eager(tape, batch);
      return asTensors(headForward(ops, strategy, input, shape));
    },
  };
}
