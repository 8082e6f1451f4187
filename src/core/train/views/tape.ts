import { softmaxCrossEntropy, softmaxRows, Tape } from '../../heads/autograd';
import type { Head } from '../../heads/head';
import { type ExampleLabels, gatherLabels } from '../batches';
import { batchOf, type PreparedInputs } from '../features/prepared-inputs';
import { argmaxRows, chunks } from './helpers';
import type { TrainingView } from './view';

/** Runs the whole head eagerly on the autograd tape on every step: the oracle, and the fallback. */
export function tapeView(head: Head, inputs: PreparedInputs, trainLabels: ExampleLabels): TrainingView {
  const d = head.shape.hiddenSize;
  return {
    async gradients(examples) {
      for (const p of head.parameters) p.zeroGrad();
      const tape = new Tape();
      const { logits } = head.forward(tape, batchOf(inputs.readTrain(examples, head.inputLayers), d));
      const loss = softmaxCrossEntropy(tape, logits, gatherLabels(trainLabels, examples));
      tape.backward(loss);
      return loss.data[0];
    },
    async devPredictions() {
      const tape = new Tape(false);
      // Argmax of the probabilities, as predictExamples takes it (rounding can tie logits that differ).
      return argmaxRows(chunks(inputs.devExamples).map((part) => softmaxRows(tape, head.forward(tape, batchOf(inputs.readDev(part, head.inputLayers), d)).logits)));
    },
    finish: async () => undefined,
  };
}
