import * as ort from 'onnxruntime-node';
import { createSession } from '../encoders/session/create-session';
import { type OnnxRuntime, resolveRuntime } from '../encoders/session/session-options';
import { GraphBuilder } from '../heads/graph/graph-builder';

/** ONNX's TensorProto.DOUBLE: the probe's arithmetic is float64 throughout, as scikit-learn's. */
const DOUBLE = 11;

/** Inputs of both graphs: rows × features, weights classes × features, bias per class; the loss graph adds one-hot labels. */
const Input = { x: 'x', weights: 'w', bias: 'b', targets: 'y' } as const;
const Output = { logProbabilities: 'log_probabilities', labelLogSum: 'label_log_sum', weightGradient: 'weight_gradient', biasGradient: 'bias_gradient' } as const;

/** Float64 rows with their one-hot labels, as the loss graph reads them (converted once per fit). */
export interface KernelRows {
  x: ort.Tensor;
  targets: ort.Tensor;
  rows: number;
}

/** What one evaluation of the loss graph returns, for the rows as a whole (sums, not means). */
export interface LossSums {
  /** −Σ_i log p(label_i | x_i). */
  crossEntropy: number;
  /** Σ_i (p_i − onehot_i) x_iᵀ, classes × features. */
  weightGradient: Float64Array;
  /** Σ_i (p_i − onehot_i). */
  biasGradient: Float64Array;
}

/** log softmax(x Wᵀ + b) over the classes: the one place the probe's model is written down. */
function logProbabilities(g: GraphBuilder): string {
  const x = g.input(Input.x, ['rows', 'features'], DOUBLE);
  const w = g.input(Input.weights, ['classes', 'features'], DOUBLE);
  const b = g.input(Input.bias, ['classes'], DOUBLE);
  return g.op('LogSoftmax', [g.op('Gemm', [x, w, b], { transB: 1 })], { axis: 1 });
}

/**
 * The softmax regression's arithmetic as two onnxruntime graphs in float64: its log-probabilities, and the
 * cross-entropy with its gradient (one run per evaluation, where onnxruntime's blocked matrix products do the
 * work a JavaScript loop did about four times slower). The regularisation and the means are the caller's.
 */
export class ProbeKernel {
  private constructor(
    private readonly scores: ort.InferenceSession,
    private readonly loss: ort.InferenceSession,
  ) {}

  /** Sessions on the CPU with the runtime's threads (default: every core but one). */
  static async open(runtime: OnnxRuntime = resolveRuntime()): Promise<ProbeKernel> {
    const cpu: OnnxRuntime = { ...runtime, provider: 'cpu' };
    const scores = new GraphBuilder();
    scores.output(Output.logProbabilities, logProbabilities(scores), ['rows', 'classes'], DOUBLE);
    const loss = new GraphBuilder();
    const logp = logProbabilities(loss);
    const targets = loss.input(Input.targets, ['rows', 'classes'], DOUBLE);
    loss.output(Output.labelLogSum, loss.op('ReduceSum', [loss.op('Mul', [logp, targets])], { keepdims: 0 }), [], DOUBLE);
    const residual = loss.op('Sub', [loss.op('Exp', [logp]), targets]);
    loss.output(Output.weightGradient, loss.op('Gemm', [residual, Input.x], { transA: 1 }), ['classes', 'features'], DOUBLE);
    loss.output(Output.biasGradient, loss.op('ReduceSum', [residual, loss.ints([0])], { keepdims: 0 }), ['classes'], DOUBLE);
    const [scoreSession, lossSession] = await Promise.all([
      createSession(scores.toModel('probe_scores'), cpu, "the linear probe's scores"),
      createSession(loss.toModel('probe_loss'), cpu, "the linear probe's loss"),
    ]);
    return new ProbeKernel(scoreSession, lossSession);
  }

  /** Rows × classes log-probabilities of the first `rows` float32 rows under weights (classes × features) and bias. */
  async logProbabilities(x: Float32Array, rows: number, weights: Float64Array, bias: Float64Array): Promise<Float64Array> {
    const classes = bias.length;
    const out = await this.scores.run({ [Input.x]: features(x, rows, weights.length / classes), ...parameters(weights, bias) });
    return out[Output.logProbabilities].data as Float64Array;
  }

  /** Float64 rows and one-hot labels for lossSums (labels checked by the caller). */
  rows(x: Float32Array, rows: number, cols: number, labels: Int32Array, classes: number): KernelRows {
    const targets = new Float64Array(rows * classes);
    for (let i = 0; i < rows; i++) targets[i * classes + labels[i]] = 1;
    return { x: features(x, rows, cols), targets: new ort.Tensor('float64', targets, [rows, classes]), rows };
  }

  async lossSums(data: KernelRows, weights: Float64Array, bias: Float64Array): Promise<LossSums> {
    const out = await this.loss.run({ [Input.x]: data.x, [Input.targets]: data.targets, ...parameters(weights, bias) });
    return {
      crossEntropy: -(out[Output.labelLogSum].data as Float64Array)[0],
      weightGradient: out[Output.weightGradient].data as Float64Array,
      biasGradient: out[Output.biasGradient].data as Float64Array,
    };
  }

  async release(): Promise<void> {
    await Promise.all([this.scores.release(), this.loss.release()]);
  }
}

function features(x: Float32Array, rows: number, cols: number): ort.Tensor {
  return new ort.Tensor('float64', Float64Array.from(x.subarray(0, rows * cols)), [rows, cols]);
}

function parameters(weights: Float64Array, bias: Float64Array): Record<string, ort.Tensor> {
  return {
    [Input.weights]: new ort.Tensor('float64', weights, [bias.length, weights.length / bias.length]),
    [Input.bias]: new ort.Tensor('float64', bias, [bias.length]),
  };
}
