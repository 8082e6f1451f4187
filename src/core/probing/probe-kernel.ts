import * as ort from 'onnxruntime-node';
import { createSession } from '../encoders/session/create-session';
import { type OnnxRuntime, resolveRuntime } from '../encoders/session/session-options';
import { GraphBuilder } from '../heads/graph/graph-builder';

/** ONNX's TensorProto.FLOAT and DOUBLE. */
const FLOAT = 1;
const DOUBLE = 11;

/**
 * The arithmetic of a loss evaluation: float32 runs about 2.5 times faster (half the bytes to stream, twice the
 * lanes) and serves to get near the optimum; float64, as scikit-learn's, decides convergence.
 */
export type Precision = 'float32' | 'float64';

/** Inputs of both graphs: rows × features, weights classes × features, bias per class; the loss graph adds one-hot labels. */
const Input = { x: 'x', weights: 'w', bias: 'b', targets: 'y' } as const;
const Output = { logProbabilities: 'log_probabilities', labelLogSum: 'label_log_sum', weightGradient: 'weight_gradient', biasGradient: 'bias_gradient' } as const;

/** Rows with their one-hot labels in both precisions, as the loss graphs read them (prepared once per fit). */
export interface KernelRows {
  float32: { x: ort.Tensor; targets: ort.Tensor };
  float64: { x: ort.Tensor; targets: ort.Tensor };
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
function logProbabilities(g: GraphBuilder, type: number): string {
  const x = g.input(Input.x, ['rows', 'features'], type);
  const w = g.input(Input.weights, ['classes', 'features'], type);
  const b = g.input(Input.bias, ['classes'], type);
  return g.op('LogSoftmax', [g.op('Gemm', [x, w, b], { transB: 1 })], { axis: 1 });
}

/** The cross-entropy summed over the rows, and its gradient sums (see LossSums). */
function lossGraph(type: number): Uint8Array {
  const g = new GraphBuilder();
  const logp = logProbabilities(g, type);
  const targets = g.input(Input.targets, ['rows', 'classes'], type);
  g.output(Output.labelLogSum, g.op('ReduceSum', [g.op('Mul', [logp, targets])], { keepdims: 0 }), [], type);
  const residual = g.op('Sub', [g.op('Exp', [logp]), targets]);
  g.output(Output.weightGradient, g.op('Gemm', [residual, Input.x], { transA: 1 }), ['classes', 'features'], type);
  g.output(Output.biasGradient, g.op('ReduceSum', [residual, g.ints([0])], { keepdims: 0 }), ['classes'], type);
  return g.toModel(`probe_loss_${type === DOUBLE ? 'float64' : 'float32'}`);
}

/**
 * The softmax regression's arithmetic as onnxruntime graphs: its log-probabilities (float64), and the
 * cross-entropy with its gradient in float32 and in float64 (one run per evaluation, where onnxruntime's blocked
 * matrix products do the work a JavaScript loop did about four times slower). The regularisation and the means
 * are the caller's.
 */
export class ProbeKernel {
  private constructor(
    private readonly scores: ort.InferenceSession,
    private readonly loss: Record<Precision, ort.InferenceSession>,
  ) {}

  /** Sessions on the CPU with the runtime's threads (default: every core but one). */
  static async open(runtime: OnnxRuntime = resolveRuntime()): Promise<ProbeKernel> {
    const cpu: OnnxRuntime = { ...runtime, provider: 'cpu' };
    const scores = new GraphBuilder();
    scores.output(Output.logProbabilities, logProbabilities(scores, DOUBLE), ['rows', 'classes'], DOUBLE);
    const [scoreSession, float32, float64] = await Promise.all([
      createSession(scores.toModel('probe_scores'), cpu, "the linear probe's scores"),
      createSession(lossGraph(FLOAT), cpu, "the linear probe's loss"),
      createSession(lossGraph(DOUBLE), cpu, "the linear probe's loss"),
    ]);
    return new ProbeKernel(scoreSession, { float32, float64 });
  }

  /** Rows × classes log-probabilities of the first `rows` float32 rows under weights (classes × features) and bias. */
  async logProbabilities(x: Float32Array, rows: number, weights: Float64Array, bias: Float64Array): Promise<Float64Array> {
    const classes = bias.length;
    const cols = weights.length / classes;
    const out = await this.scores.run({
      [Input.x]: new ort.Tensor('float64', Float64Array.from(x.subarray(0, rows * cols)), [rows, cols]),
      ...parameters(weights, bias, 'float64'),
    });
    return out[Output.logProbabilities].data as Float64Array;
  }

  /** The first `rows` rows and their one-hot labels, for lossSums (labels checked by the caller). */
  rows(x: Float32Array, rows: number, cols: number, labels: Int32Array, classes: number): KernelRows {
    const own = x.subarray(0, rows * cols);
    const targets = new Float32Array(rows * classes);
    for (let i = 0; i < rows; i++) targets[i * classes + labels[i]] = 1;
    return {
      float32: { x: new ort.Tensor('float32', own, [rows, cols]), targets: new ort.Tensor('float32', targets, [rows, classes]) },
      float64: { x: new ort.Tensor('float64', Float64Array.from(own), [rows, cols]), targets: new ort.Tensor('float64', Float64Array.from(targets), [rows, classes]) },
      rows,
    };
  }

  async lossSums(data: KernelRows, weights: Float64Array, bias: Float64Array, precision: Precision): Promise<LossSums> {
    const { x, targets } = data[precision];
    const out = await this.loss[precision].run({ [Input.x]: x, [Input.targets]: targets, ...parameters(weights, bias, precision) });
    const float64 = (name: string) => Float64Array.from(out[name].data as Float32Array | Float64Array);
    return {
      crossEntropy: -Number(out[Output.labelLogSum].data[0]),
      weightGradient: float64(Output.weightGradient),
      biasGradient: float64(Output.biasGradient),
    };
  }

  async release(): Promise<void> {
    await Promise.all([this.scores.release(), this.loss.float32.release(), this.loss.float64.release()]);
  }
}

function parameters(weights: Float64Array, bias: Float64Array, precision: Precision): Record<string, ort.Tensor> {
  const dims = [bias.length, weights.length / bias.length];
  if (precision === 'float64') return { [Input.weights]: new ort.Tensor('float64', weights, dims), [Input.bias]: new ort.Tensor('float64', bias, [bias.length]) };
  return { [Input.weights]: new ort.Tensor('float32', Float32Array.from(weights), dims), [Input.bias]: new ort.Tensor('float32', Float32Array.from(bias), [bias.length]) };
}
