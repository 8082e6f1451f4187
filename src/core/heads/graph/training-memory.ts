import { headForward, headParameters } from '../head';
import type { HeadShape, Strategy } from '../strategy/definition';
import { specSize } from '../strategy/parameters';
import { GraphBuilder } from './graph-builder';
import { GraphOps } from './graph-ops';

/** What training one head costs in memory. */
export interface TrainingMemory {
  parameters: number;
  /** An upper estimate of the bytes training needs, for the head alone (the features are counted apart). */
  bytes: number;
}

/**
 * Bytes per parameter while training: its value and gradient (float32), AdamW's two moments (float64) and the
 * best epoch's copy (float32).
 */
const BYTES_PER_PARAMETER = 4 + 4 + 8 + 8 + 4;

/**
 * The memory training `strategy` on an encoder of `shape` needs with batches of up to `rows` rows, without
 * building the head: its parameters and optimiser state, plus every activation of its forward pass kept for the
 * backward one and as much again for the backward pass's own (onnxruntime reuses buffers, so this is an upper
 * bound), plus the batch's input.
 */
export function trainingMemory(strategy: Strategy, shape: HeadShape, rows: number): TrainingMemory {
  const specs = headParameters(strategy, shape);
  const parameters = specs.reduce((n, spec) => n + specSize(spec), 0);
  const ops = new GraphOps(new GraphBuilder(), (name) => {
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new Error(`the ${strategy.name} head has no parameter ${name}`);
    return { ...spec, name, grad: true };
  }, () => ({ membership: 'segments', first: 'first', last: 'last' }));
  const stacked = strategy.reads === 'all';
  const input = { name: 'input', cols: shape.hiddenSize, layers: stacked ? shape.numLayers : undefined, grad: false };
  headForward(ops, strategy, input, shape);
  const inputFloats = (stacked ? shape.numLayers : 1) * shape.hiddenSize;
  return { parameters, bytes: parameters * BYTES_PER_PARAMETER + 4 * rows * (2 * ops.activationsPerRow + inputFloats) };
}
