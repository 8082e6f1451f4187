import type { Probe } from '../probe/store';
import type { GraphBuilder } from './graph-builder';
import { classify, type HeadTensors, parameter, UnsupportedHeadError } from './head-graph';
import { linear, standardize } from './ops';

/** The strategies this folder can write as ONNX; probes of others run in JS. */
export const POOLING_GRAPH_STRATEGIES: ReadonlySet<string> = new Set(['mean', 'max', 'cls', 'last', 'weighted']);

/**
 * A pooling probe on the last layer's token vectors `top` [tokens x hidden], one text: the graph form of
 * heads/pooling/*, standardised first as heads/inference.ts does.
 */
export function poolingHead(g: GraphBuilder, probe: Probe, top: string): HeadTensors {
  const d = probe.config.shape.hiddenSize;
  const { mean, scale } = probe.standardizer;
  const x = standardize(g, top, g.constant(mean[0], [d], 'mean'), g.constant(scale[0], [d], 'scale'));
  switch (probe.config.strategy) {
    case 'mean':
      return classify(g, probe, g.op('ReduceMean', [x, g.ints([0])], { keepdims: 1 }));
    case 'max':
      return classify(g, probe, g.op('ReduceMax', [x, g.ints([0])], { keepdims: 1 }));
    case 'cls':
      return classify(g, probe, g.op('Gather', [x, g.ints([0])], { axis: 0 }));
    case 'last':
      return classify(g, probe, g.op('Gather', [x, g.ints([-1])], { axis: 0 }));
    case 'weighted': {
      const scores = linear(g, x, parameter(probe, 'pooling.score.weight'), parameter(probe, 'pooling.score.bias'));
      const weights = g.op('Softmax', [scores], { axis: 0 });
      // [tokens x 1] as [1 x tokens]: the same numbers, so a reshape is the transpose.
      const row = g.op('Reshape', [weights, g.ints([1, -1])]);
      return classify(g, probe, g.op('MatMul', [row, x]), { tokenWeights: weights });
    }
    default:
      throw new UnsupportedHeadError(`no ONNX form for the pooling strategy "${probe.config.strategy}"`);
  }
}
