import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { OnnxGraph, OnnxNode } from '../../../src/core/encoders/onnx/graph';
import { readOnnxGraph } from '../../../src/core/encoders/onnx/graph';
import { findLayerTaps } from '../../../src/core/encoders/taps/find-taps';
import { ProbeLensError } from '../../../src/core/errors';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { readReference } from './helpers';

function node(opType: string, name: string, inputs: string[], outputs: string[]): OnnxNode {
  return { opType, name, domain: '', inputs, outputs };
}

function graphOf(nodes: OnnxNode[], outputs = ['last_hidden_state']): OnnxGraph {
  return {
    nodes,
    inputs: [{ name: 'input_ids' }],
    outputs: outputs.map((name) => ({ name })),
    valueInfo: [],
    initializers: [],
    hasSubgraphs: false,
    graphField: { start: 0, valueStart: 0, end: 0 },
    fields: [],
  };
}

/** A LayerNorm written out as exporters do (ReduceMean ... Mul, Add_1), ending in `out`. */
function decomposedLayerNorm(scope: string, input: string, out: string): OnnxNode[] {
  return [
    node('ReduceMean', `${scope}/ReduceMean`, [input], [`${scope}/ReduceMean_output_0`]),
    node('Sub', `${scope}/Sub`, [input, `${scope}/ReduceMean_output_0`], [`${scope}/Sub_output_0`]),
    node('Constant', `${scope}/Constant`, [], [`${scope}/Constant_output_0`]),
    node('Div', `${scope}/Div`, [`${scope}/Sub_output_0`, `${scope}/Constant_output_0`], [`${scope}/Div_output_0`]),
    node('Mul', `${scope}/Mul`, [`${scope}/Div_output_0`, 'gamma'], [`${scope}/Mul_output_0`]),
    node('Add', `${scope}/Add_1`, [`${scope}/Mul_output_0`, 'beta'], [out]),
  ];
}

/** A BERT-like graph: embeddings LayerNorm, then per layer a residual Add and the output LayerNorm. */
function bertGraph(layers: number, prefix = '/bert', layerNorm = decomposedLayerNorm): OnnxGraph {
  const nodes: OnnxNode[] = [];
  let stream = `${prefix}/embeddings/LayerNorm/Add_1_output_0`;
  nodes.push(...layerNorm(`${prefix}/embeddings/LayerNorm`, 'embedded', stream));
  for (let i = 0; i < layers; i++) {
    const scope = `${prefix}/encoder/layer.${i}/output`;
    const out = i === layers - 1 ? 'last_hidden_state' : `${scope}/LayerNorm/Add_1_output_0`;
    nodes.push(node('MatMul', `${scope}/dense/MatMul`, [stream, 'w'], [`${scope}/dense/MatMul_output_0`]));
    nodes.push(node('Add', `${scope}/Add`, [`${scope}/dense/MatMul_output_0`, stream], [`${scope}/Add_output_0`]));
    nodes.push(...layerNorm(`${scope}/LayerNorm`, `${scope}/Add_output_0`, out));
    stream = out;
  }
  return graphOf(nodes);
}

function taps(graph: OnnxGraph, family: 'bert' | 'distilbert' | 'gpt2', layers: number): string[] {
  return findLayerTaps(graph, family, layers, 'test.onnx');
}

describe('layer taps in the shared exports', () => {
  test('BERT fp32 and q8: the tensors the reference was computed from', () => {
    const expected = readReference(TINY_BERT).tensor_names;
    assert.ok(expected);
    for (const file of ['model.onnx', 'model_quantized.onnx']) {
      const graph = readOnnxGraph(readFileSync(path.join(TINY_BERT, 'onnx', file)));
      assert.deepEqual(taps(graph, 'bert', 6), expected, file);
    }
  });

  test('GPT-2 base and decoder, fp32 and q8: token+position Add, block residuals, then after ln_f', () => {
    for (const file of ['model.onnx', 'model_quantized.onnx', 'decoder_model_quantized.onnx']) {
      const graph = readOnnxGraph(readFileSync(path.join(TINY_GPT2, 'onnx', file)));
      const found = taps(graph, 'gpt2', 6);
      assert.equal(found.length, 7, file);
      const producer = (t: string) => graph.nodes.find((n) => n.outputs.includes(t));
      // Embeddings: an Add of the two lookups; blocks 0..4: an Add inside h.N; the last: ln_f's output
      // (through the final Reshape in the base model, whose graph output it is).
      assert.equal(producer(found[0])?.opType, 'Add', file);
      found.slice(1, 6).forEach((t, i) => assert.match(producer(t)?.name ?? '', new RegExp(`/h\\.${i}/`), file));
      const last = found[6];
      assert.ok(
        graph.outputs.some((o) => o.name === last) || /\/ln_f\//.test(producer(last)?.name ?? ''),
        `${file}: last tap ${last}`,
      );
    }
  });
});

describe('layer taps by structure', () => {
  test('decomposed LayerNorms: the node of each scope whose output leaves the scope', () => {
    assert.deepEqual(taps(bertGraph(3), 'bert', 3), [
      '/bert/embeddings/LayerNorm/Add_1_output_0',
      '/bert/encoder/layer.0/output/LayerNorm/Add_1_output_0',
      '/bert/encoder/layer.1/output/LayerNorm/Add_1_output_0',
      'last_hidden_state',
    ]);
  });

  test('exports without the model prefix (/encoder/layer.N/...)', () => {
    assert.equal(taps(bertGraph(2, ''), 'bert', 2)[1], '/encoder/layer.0/output/LayerNorm/Add_1_output_0');
  });

  test('LayerNormalization ops (opset 17 exports)', () => {
    const single = (scope: string, input: string, out: string) => [
      node('LayerNormalization', `${scope}/LayerNormalization`, [input, 'gamma', 'beta'], [out]),
    ];
    assert.deepEqual(taps(bertGraph(2, '/roberta', single), 'bert', 2), [
      '/roberta/embeddings/LayerNorm/Add_1_output_0',
      '/roberta/encoder/layer.0/output/LayerNorm/Add_1_output_0',
      'last_hidden_state',
    ]);
  });

  test('fused SkipLayerNormalization with generic node names, found by its output tensor name', () => {
    const graph = bertGraph(2);
    const fused: OnnxNode[] = [];
    const scope = '/bert/encoder/layer.0/output';
    for (const n of graph.nodes) {
      const inLayer0Norm = n.name.startsWith(`${scope}/LayerNorm/`) || n.name === `${scope}/Add`;
      if (!inLayer0Norm) fused.push(n);
      else if (n.name.endsWith('/Add_1')) {
        fused.push(
          node(
            'SkipLayerNormalization',
            'SkipLayerNorm_AddBias_0',
            [`${scope}/dense/MatMul_output_0`, '/bert/embeddings/LayerNorm/Add_1_output_0', 'gamma', 'beta'],
            [n.outputs[0], '', '', 'skip_sum_0'],
          ),
        );
      }
    }
    assert.equal(taps(graphOf(fused), 'bert', 2)[1], '/bert/encoder/layer.0/output/LayerNorm/Add_1_output_0');
  });

  test('dynamic quantisation nodes named inside a LayerNorm scope are not taken for its output', () => {
    const graph = bertGraph(2);
    const out = '/bert/embeddings/LayerNorm/Add_1_output_0';
    const quantised = [`${out}_quantized`, `${out}_scale`, `${out}_zero_point`];
    graph.nodes.push(node('DynamicQuantizeLinear', `${out}_QuantizeLinear`, [out], quantised));
    assert.equal(taps(graph, 'bert', 2)[0], out);
  });

  test('DistilBERT names its layer norms output_layer_norm', () => {
    const graph = bertGraph(2, '/distilbert');
    const rename = (s: string) =>
      s.replace(/encoder\/layer\.(\d+)\/output\/LayerNorm/, 'transformer/layer.$1/output_layer_norm');
    for (const n of graph.nodes) {
      n.name = rename(n.name);
      n.outputs = n.outputs.map(rename);
    }
    const found = taps(graph, 'distilbert', 2);
    assert.equal(found[1], '/distilbert/transformer/layer.0/output_layer_norm/Add_1_output_0');
    assert.throws(() => taps(graph, 'bert', 2), /found 2 of 3 taps/);
  });

  test('missing layers: the error names what was searched and what was found', () => {
    const graph = bertGraph(3);
    graph.nodes = graph.nodes.filter((n) => !n.name.includes('/layer.1/'));
    assert.throws(
      () => taps(graph, 'bert', 3),
      (error: unknown) => {
        assert.ok(error instanceof ProbeLensError);
        assert.equal(error.code, 'layers-not-found');
        assert.match(error.message, /found 3 of 4 taps/);
        assert.match(error.message, /layer 2: not found/);
        assert.match(error.message, /layer\.N\/output\/LayerNorm/);
        assert.match(error.message, /layer 1: \/bert\/encoder\/layer\.0\/output\/LayerNorm\/Add_1_output_0/);
        return true;
      },
    );
  });

  test('a graph with more layers than config.json says is refused', () => {
    assert.throws(() => taps(bertGraph(4), 'bert', 3), /at least 4 layers.*config\.json says 3/s);
  });
});
