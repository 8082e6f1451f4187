import type { TrainingSession } from '../../heads/graph/training-session';
import type { Head } from '../../heads/head';
import { type ExampleLabels, gatherLabels } from '../batches';
import type { PreparedInputs } from '../features/prepared-inputs';
import { chunks } from './helpers';
import type { TrainingView } from './view';

/**
 * Trains a head through its onnxruntime training graph: each step's input rows are read (standardised) into
 * one reused buffer in the graph's layout, and the session writes the gradients into the parameters. Dev
 * examples are predicted `batchSize` at a time, so evaluation needs no more memory than a step.
 */
export function graphView(head: Head, session: TrainingSession, inputs: PreparedInputs, trainLabels: ExampleLabels, batchSize: number): TrainingView {
  const d = head.shape.hiddenSize;
  const layers = head.inputLayers;
  let buffer = new Float32Array(0);
  const read = (examples: ArrayLike<number>, from: 'train' | 'dev') => {
    const counts = (from === 'train' ? inputs.train : inputs.dev).features.rowCounts;
    let rows = 0;
    for (let i = 0; i < examples.length; i++) rows += counts[examples[i]];
    if (buffer.length < layers.length * rows * d) buffer = new Float32Array(layers.length * rows * d);
    const { offsets } = from === 'train' ? inputs.readTrain(examples, layers, buffer) : inputs.readDev(examples, layers, buffer);
    return { input: buffer.subarray(0, layers.length * rows * d), rows, offsets };
  };
  return {
    gradients: (examples) => session.gradients({ ...read(examples, 'train'), labels: gatherLabels(trainLabels, examples) }),
    async devPredictions() {
      const parts: Int32Array[] = [];
      for (const part of chunks(inputs.devExamples, batchSize)) parts.push(await session.predict(read(part, 'dev')));
      const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) {
        out.set(p, o);
        o += p.length;
      }
      return out;
    },
    finish: () => session.release(),
  };
}
