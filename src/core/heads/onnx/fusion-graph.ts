import type { Probe } from '../probe/store';
import type { GraphBuilder } from './graph-builder';
import { classify, type HeadTensors, parameter, UnsupportedHeadError } from './head-graph';
import { gelu, layerNorm, linear, softmaxRows, stackConstant, stackedLayerNorm, stackedLinear, standardize } from './ops';

/** The words' rows of the encoder's layers, before any probe's standardisation. */
export interface WordInputs {
  /** The last layer's rows [words x hidden]. */
  top: string;
  /** Every layer's rows [layers x words x hidden], z_0 first; built on first use. */
  all: () => string;
}

/** f(x) = W·LN(gelu(U·x)) of heads/fusion/bottleneck.ts, with the parameters named `name`.*. */
function bottleneck(g: GraphBuilder, probe: Probe, name: string, x: string): string {
  const p = (suffix: string) => parameter(probe, `${name}.${suffix}`);
  const inner = layerNorm(g, gelu(g, linear(g, x, p('U.weight'), p('U.bias'))), p('norm.gain'), p('norm.bias'));
  return linear(g, inner, p('W.weight'), p('W.bias'));
}

function standardizedTop(g: GraphBuilder, probe: Probe, words: WordInputs): string {
  const { hiddenSize: d, numLayers } = probe.config.shape;
  const { mean, scale } = probe.standardizer;
  return standardize(g, words.top, g.constant(mean[numLayers - 1], [d], 'mean'), g.constant(scale[numLayers - 1], [d], 'scale'));
}

function standardizedStack(g: GraphBuilder, probe: Probe, words: WordInputs): string {
  const { mean, scale } = probe.standardizer;
  return standardize(g, words.all(), stackConstant(g, mean, 'means'), stackConstant(g, scale, 'scales'));
}

/** Σ_n w_n ⊙ stack_n for weights broadcastable to the [layers x words x hidden] stack (autograd's mixTensors). */
function mix(g: GraphBuilder, stack: string, weights: string): string {
  return g.op('ReduceSum', [g.op('Mul', [stack, weights]), g.ints([0])], { keepdims: 0 });
}

/** DWAtt (heads/fusion/dwatt.ts), its L + 1 value bottlenecks run as batched products over the layer stack. */
function dwatt(g: GraphBuilder, probe: Probe, words: WordInputs): HeadTensors {
  const { numLayers } = probe.config.shape;
  const layers = Array.from({ length: numLayers }, (_, n) => n);
  const stack = standardizedStack(g, probe, words);
  const top = g.op('Gather', [stack, g.ints([numLayers - 1], [])], { axis: 0 });
  const query = g.op('Add', [g.op('Elu', [g.op('Add', [top, bottleneck(g, probe, 'dwatt.query', top)])], { alpha: { float: 1 } }), g.scalar(1)]);
  const depth = parameter(probe, 'dwatt.depth');
  const keys = linear(g, g.constant(depth.data, [depth.rows, depth.cols], 'depth'), parameter(probe, 'dwatt.key.weight'), null);
  const alpha = softmaxRows(g, g.op('MatMul', [query, g.op('Transpose', [keys])]));
  const value = (suffix: string) => layers.map((n) => parameter(probe, `dwatt.value.${n}.${suffix}`));
  const up = stackedLinear(g, stack, value('U.weight'), value('U.bias'));
  const inner = stackedLayerNorm(g, gelu(g, up), value('norm.gain'), value('norm.bias'));
  const down = stackedLinear(g, inner, value('W.weight'), value('W.bias'));
  const values = stackedLayerNorm(g, down, value('out.gain'), value('out.bias'));
  // α [words x layers] → [layers x words x 1], to weigh each layer's value rows.
  const perLayer = g.op('Unsqueeze', [g.op('Transpose', [alpha]), g.ints([2])]);
  return classify(g, probe, g.op('Add', [top, mix(g, values, perLayer)]), { layerWeights: alpha });
}

/** The strategies this folder can write as ONNX; probes of others run in JS. */
export const FUSION_GRAPH_STRATEGIES: ReadonlySet<string> = new Set(['last', 'last+mlp', 'scalarmix', 'concat', 'dwatt']);

/**
 * A fusion probe on the words' rows: the graph form of heads/fusion/*, standardised first as
 * heads/inference.ts does.
 */
export function fusionHead(g: GraphBuilder, probe: Probe, words: WordInputs): HeadTensors {
  const { hiddenSize: d, numLayers } = probe.config.shape;
  switch (probe.config.strategy) {
    case 'last':
      return classify(g, probe, standardizedTop(g, probe, words));
    case 'last+mlp': {
      const top = standardizedTop(g, probe, words);
      return classify(g, probe, g.op('Add', [top, bottleneck(g, probe, 'mlp', top)]));
    }
    case 'scalarmix': {
      const logits = parameter(probe, 'scalarmix.s');
      const weights = softmaxRows(g, g.constant(logits.data, [1, numLayers], 'mix_logits'));
      const mixed = mix(g, standardizedStack(g, probe, words), g.op('Reshape', [weights, g.ints([numLayers, 1, 1])]));
      const gamma = parameter(probe, 'scalarmix.gamma').data[0];
      return classify(g, probe, g.op('Mul', [mixed, g.scalar(gamma)]), { layerWeights: weights, scale: gamma });
    }
    case 'concat': {
      // [layers x words x hidden] → [words x layers·hidden]: each row is [z_0; …; z_L] as concatColumns makes.
      const rows = g.op('Reshape', [g.op('Transpose', [standardizedStack(g, probe, words)], { perm: [1, 0, 2] }), g.ints([0, numLayers * d])]);
      return classify(g, probe, linear(g, rows, parameter(probe, 'concat.projection.weight'), parameter(probe, 'concat.projection.bias')));
    }
    case 'dwatt':
      return dwatt(g, probe, words);
    default:
      throw new UnsupportedHeadError(`no ONNX form for the fusion strategy "${probe.config.strategy}"`);
  }
}
