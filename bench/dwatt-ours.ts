import { softmaxCrossEntropy, Tape, Tensor } from '../src/core/heads/autograd';
import { createHead } from '../src/core/heads/head';
import { Random } from '../src/core/random';
import { AdamW } from '../src/core/train/adamw';
import { defaultHyperparameters } from '../src/core/train/defaults';
import type { DwattShape } from './dwatt-tfjs';

/**
 * DWAtt training with the product's hand-written Float32Array kernels: the same head, loss and AdamW step
 * the trainer runs, on random features of the given shape. Returns a function running one step (→ loss).
 */
export function buildOurDwattStep(shape: DwattShape, seed = 7): () => number {
  const head = createHead('ner', 'dwatt', { hiddenSize: shape.hidden, numLayers: shape.layers, numLabels: shape.labels }, seed);
  const { learningRate, weightDecay } = defaultHyperparameters('ner', 'dwatt');
  const optimizer = new AdamW(head.parameters, { learningRate, weightDecay });
  const random = new Random(seed);
  const layers = Array.from({ length: shape.layers }, () => {
    const data = new Float32Array(shape.tokens * shape.hidden);
    for (let i = 0; i < data.length; i++) data[i] = random.next() * 2 - 1;
    return new Tensor(data, shape.tokens, shape.hidden);
  });
  const labels = Int32Array.from({ length: shape.tokens }, () => Math.floor(random.next() * shape.labels));
  const offsets = Int32Array.from([0, shape.tokens]);
  return () => {
    const tape = new Tape();
    const { logits } = head.forward(tape, { layers, offsets });
    const loss = softmaxCrossEntropy(tape, logits, labels);
    optimizer.zeroGrad();
    tape.backward(loss);
    optimizer.step();
    return loss.data[0];
  };
}
