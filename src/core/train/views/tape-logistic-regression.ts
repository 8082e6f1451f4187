import { linear, type Parameter, softmaxCrossEntropy, Tape, Tensor } from '../../heads/autograd';
import { argmaxAt } from '../argmax';
import type { LogisticRegressionStep } from './logistic-regression';

/**
 * LogisticRegressionStep's contract through the autograd tape (linear → softmaxCrossEntropy → backward): the
 * reference the fused step is checked against, and trainHead's path when asked for the tape.
 */
export function tapeLogisticRegression(weight: Parameter, bias: Parameter): Pick<LogisticRegressionStep, 'gradients' | 'predict'> {
  const d = weight.rows;
  const k = weight.cols;
  return {
    gradients(vectors, rowLabels, from, to, count) {
      let n = 0;
      for (let i = 0; i < count; i++) n += to[i] - from[i];
      const x = new Float32Array(n * d);
      const labels = new Int32Array(n);
      let r = 0;
      for (let i = 0; i < count; i++) {
        x.set(vectors.subarray(from[i] * d, to[i] * d), r * d);
        labels.set(rowLabels.subarray(from[i], to[i]), r);
        r += to[i] - from[i];
      }
      weight.zeroGrad();
      bias.zeroGrad();
      const tape = new Tape();
      const loss = softmaxCrossEntropy(tape, linear(tape, new Tensor(x, n, d), weight, bias), labels);
      tape.backward(loss);
      return loss.data[0];
    },
    predict(vectors, rows) {
      const logits = linear(new Tape(false), new Tensor(vectors.subarray(0, rows * d), rows, d), weight, bias).data;
      const out = new Int32Array(rows);
      for (let i = 0; i < rows; i++) out[i] = argmaxAt(logits, i * k, k);
      return out;
    },
  };
}
