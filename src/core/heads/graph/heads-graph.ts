import { TensorElemType } from '../../encoders/onnx/graph';
import { headForward } from '../head';
import type { Probe } from '../probe/store';
import type { HeadOutput } from '../strategy/definition';
import { GraphBuilder } from './graph-builder';
import { GraphOps, type GraphValue, type SegmentInputs } from './graph-ops';
import { standardized, parameterShape } from './graph-values';

/** Names of the graph's inputs, fed by HeadsSession. */
export const HeadsInput = {
  /** The last layer's token vectors [tokens x hidden]. */
  top: 'top',
  /** Every layer's token vectors [layers x tokens x hidden], z_0 first. */
  layers: 'layers',
  /** The token row each word is read from (int64 [words]). */
  wordRows: 'word_rows',
} as const;

export interface HeadsGraph {
  /** The ONNX model's bytes. */
  model: Uint8Array;
  /** The probes the graph computes, in the order given, each with the names of its outputs. */
  heads: { probe: Probe; outputs: HeadOutput<string> }[];
  /** Which optional inputs the graph has. */
  readsLayers: boolean;
  readsWords: boolean;
}

/**
 * One graph computing every probe of a set from the encoder's hidden states of one text: pooling probes read
 * `top` (all its tokens, one sentence), fusion probes the rows of `word_rows` (each word's first subword) of
 * `top` or of every layer. Each probe standardises its input as it was trained, then runs its head's one
 * definition (headForward) with its weights as constants. All probes share one encoder shape.
 */
export function buildHeadsGraph(probes: readonly Probe[]): HeadsGraph {
  const g = new GraphBuilder();
  const shape = probes[0]?.config.shape;
  const d = shape?.hiddenSize ?? 0;
  const numLayers = shape?.numLayers ?? 0;
  const readsWords = probes.some((p) => p.config.task === 'ner');
  const top = g.input(HeadsInput.top, ['tokens', d]);
  let layers: string | undefined;
  let rows: string | undefined;
  let wordTop: string | undefined;
  let wordLayers: string | undefined;
  const words = () => (rows ??= g.input(HeadsInput.wordRows, ['words'], TensorElemType.int64));
  const segments = oneSentence(g, top);
  const heads = probes.map((probe, index) => {
    const { head } = probe;
    const parameters = new Map(head.parameters.map((p) => [p.name, p]));
    const specs = new Map(head.specs.map((s) => [s.name, s]));
    const ops = new GraphOps(
      g,
      (name) => {
        const spec = specs.get(name);
        const parameter = parameters.get(name);
        if (!spec || !parameter) throw new Error(`the ${head.strategy.name} probe has no parameter ${name}`);
        return { ...spec, name: g.constant(parameter.data, parameterShape(spec), name), grad: false };
      },
      segments,
    );
    let input: GraphValue;
    if (head.task === 'sentiment') {
      input = standardized(g, { name: top, cols: d, grad: false }, probe.standardizer, head.inputLayers);
    } else if (head.strategy.reads === 'top') {
      wordTop ??= g.op('Gather', [top, words()], { axis: 0 });
      input = standardized(g, { name: wordTop, cols: d, grad: false }, probe.standardizer, head.inputLayers);
    } else {
      layers ??= g.input(HeadsInput.layers, [numLayers, 'tokens', d]);
      wordLayers ??= g.op('Gather', [layers, words()], { axis: 1 });
      input = standardized(g, { name: wordLayers, cols: d, layers: numLayers, grad: false }, probe.standardizer, head.inputLayers);
    }
    const output = headForward(ops, head.strategy, input, head.shape);
    const rowsOf = head.task === 'sentiment' ? 1 : 'words';
    const named: HeadOutput<string> = { logits: `head${index}.logits` };
    g.output(named.logits, output.logits.name, [rowsOf, probe.config.labels.length]);
    if (output.tokenWeights) g.output((named.tokenWeights = `head${index}.token_weights`), output.tokenWeights.name, ['tokens', 1]);
    if (output.layerWeights) g.output((named.layerWeights = `head${index}.layer_weights`), output.layerWeights.name, [undefined, numLayers]);
    if (output.scale) g.output((named.scale = `head${index}.scale`), output.scale.name, [1, 1]);
    return { probe, outputs: named };
  });
  return { model: g.toModel('probe-lens-heads'), heads, readsLayers: layers !== undefined, readsWords };
}

/** The segments of a batch of one sentence made of every row of `x`, built on first use. */
function oneSentence(g: GraphBuilder, x: string): () => SegmentInputs {
  let segments: SegmentInputs | undefined;
  return () => {
    if (!segments) {
      const count = g.op('Shape', [x], { start: 0, end: 1 });
      segments = {
        membership: g.op('Expand', [g.constant([1], [1, 1], 'one'), g.op('Concat', [g.ints([1]), count], { axis: 0 })]),
        first: g.ints([0]),
        last: g.op('Sub', [count, g.ints([1])]),
      };
    }
    return segments;
  };
}
