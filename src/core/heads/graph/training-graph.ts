import { TensorElemType, type OnnxDim } from '../../encoders/onnx/graph';
import { type Head, headForward } from '../head';
import { GraphBuilder } from './graph-builder';
import { GraphOps, type GraphValue, type SegmentInputs } from './graph-ops';
import { parameterShape } from './graph-values';

/** Names of a training graph's batch inputs, fed by TrainingSession. */
export const TrainingInput = {
  /** The head's standardised input rows: [rows x d], or [layers x rows x d] for a strategy that reads every layer. */
  input: 'input',
  /** int64 [sentences] (sentiment) or [words] (ner): the gold label of each logits row. */
  labels: 'labels',
  /** The batch's sentences (pooling heads only): see SegmentInputs. */
  membership: 'segments',
  first: 'first',
  last: 'last',
} as const;

/** A head's training graphs and how their parameters are wired. */
export interface TrainingGraphs {
  /** loss and gradients: inputs are the batch and every parameter; outputs `loss` and one gradient per parameter. */
  step: Uint8Array;
  /** The forward alone: the batch and parameters in, `predictions` (int64 argmax per logits row) out. */
  evaluate: Uint8Array;
  /** In head.parameters order: each parameter's input name, its gradient's output name, and its shape. */
  parameters: { input: string; gradient: string; dims: number[] }[];
  /** Whether the graphs take the segment inputs. */
  segments: boolean;
}

/**
 * The training step of a head as ONNX: its one definition (headForward) with the parameters as inputs, the
 * mean softmax cross-entropy, and the backward pass that GraphOps derives op by op. The optimiser (AdamW)
 * runs on the gradients outside the graph, as it does for the eager tape.
 */
export function buildTrainingGraphs(head: Head): TrainingGraphs {
  const parameters = head.specs.map((spec, i) => ({ input: `p${i}`, gradient: `grad${i}`, dims: parameterShape(spec) }));
  const build = (differentiate: boolean) => {
    const g = new GraphBuilder();
    const { hiddenSize: d, numLayers, numLabels } = head.shape;
    const stacked = head.strategy.reads === 'all';
    const values = new Map(
      head.specs.map((spec, i) => [spec.name, { ...spec, name: g.input(parameters[i].input, parameters[i].dims), grad: differentiate }] as const),
    );
    let segments: SegmentInputs | undefined;
    const ops = new GraphOps(
      g,
      (name) => {
        const value = values.get(name);
        if (!value) throw new Error(`the ${head.strategy.name} head has no parameter ${name}`);
        return value;
      },
      () =>
        (segments ??= {
          membership: g.input(TrainingInput.membership, ['sentences', 'rows']),
          first: g.input(TrainingInput.first, ['sentences'], TensorElemType.int64),
          last: g.input(TrainingInput.last, ['sentences'], TensorElemType.int64),
        }),
    );
    const inputDims: OnnxDim[] = stacked ? [numLayers, 'rows', d] : ['rows', d];
    const input: GraphValue = { name: g.input(TrainingInput.input, inputDims), cols: d, layers: stacked ? numLayers : undefined, grad: false };
    const { logits } = headForward(ops, head.strategy, input, head.shape);
    const outputRows = head.task === 'sentiment' ? 'sentences' : 'rows';
    if (!differentiate) {
      const predictions = g.op('ArgMax', [g.op('Softmax', [logits.name], { axis: -1 })], { axis: 1, keepdims: 0 });
      g.output('predictions', predictions, [outputRows], TensorElemType.int64);
      return { model: g.toModel('probe-lens-evaluate'), segments: segments !== undefined };
    }
    const labels = g.input(TrainingInput.labels, [outputRows], TensorElemType.int64);
    // Mean cross-entropy, and its gradient (softmax(logits) − onehot) / rows, as the eager softmaxCrossEntropy.
    const onehot = g.op('OneHot', [labels, g.ints([numLabels], []), g.constant([0, 1], [2], 'off_on')], { axis: -1 });
    const logLikelihood = g.op('ReduceSum', [g.op('Mul', [g.op('LogSoftmax', [logits.name], { axis: -1 }), onehot]), g.ints([1])], { keepdims: 0 });
    g.output('loss', g.op('Neg', [g.op('ReduceMean', [logLikelihood], { keepdims: 0 })]), []);
    const count = g.op('Cast', [g.op('Shape', [labels])], { to: TensorElemType.float });
    const dLogits = g.op('Div', [g.op('Sub', [g.op('Softmax', [logits.name], { axis: -1 }), onehot]), count]);
    const gradients = ops.gradients(new Map([[logits, dLogits]]));
    head.specs.forEach((spec, i) => {
      const grad = gradients.get(values.get(spec.name)!.name);
      if (!grad) throw new Error(`the loss does not reach the parameter ${spec.name} of the ${head.strategy.name} head`);
      g.output(parameters[i].gradient, grad, parameters[i].dims);
    });
    return { model: g.toModel('probe-lens-training-step'), segments: segments !== undefined };
  };
  const step = build(true);
  return { step: step.model, evaluate: build(false).model, parameters, segments: step.segments };
}
