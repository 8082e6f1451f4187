import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { readOnnxGraph, type OnnxGraph } from '../../../src/core/encoders/onnx/graph';
import { nodesNeededFor } from '../../../src/core/encoders/onnx/needed-nodes';
import { spliceGraph } from '../../../src/core/encoders/onnx/splice-graph';
import { encodeBytesField, encodeStringField, encodeVarintField } from '../../../src/core/encoders/onnx/wire';
import { sessionOptions } from '../../../src/core/encoders/session/session-options';
import { buildTappedModel } from '../../../src/core/encoders/taps/tapped-model';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { maxAbsDiffArrays } from './helpers';

const concat = (parts: Uint8Array[]) => Buffer.concat(parts);

function encodeNode(opType: string, inputs: string[], outputs: string[]): Uint8Array {
  return encodeBytesField(
    1,
    ...inputs.map((i) => encodeStringField(1, i)),
    ...outputs.map((o) => encodeStringField(2, o)),
    encodeStringField(3, `${opType}_${outputs[0]}`),
    encodeStringField(4, opType),
  );
}

/** ValueInfoProto of a float tensor of shape [2]. */
function floatPair(name: string): Uint8Array {
  const shape = encodeBytesField(2, encodeBytesField(1, encodeVarintField(1, 2)));
  return concat([encodeStringField(1, name), encodeBytesField(2, encodeBytesField(1, encodeVarintField(1, 1), shape))]);
}

/**
 * x -> Relu -> h (a tap) -> Abs -> a; Add(a, h) -> h2 (a tap); from h a head Neg -> Sigmoid -> logits (the only
 * graph output) and a dangling Exp whose output feeds nothing.
 */
function madeUpModel(): Uint8Array {
  const graph = [
    encodeNode('Relu', ['x'], ['h']),
    encodeNode('Neg', ['h'], ['n']),
    encodeNode('Abs', ['h'], ['a']),
    encodeNode('Exp', ['h'], ['dangling']),
    encodeNode('Sigmoid', ['n'], ['logits']),
    encodeNode('Add', ['a', 'h'], ['h2']),
    encodeStringField(2, 'made-up'),
    encodeBytesField(11, floatPair('x')),
    encodeBytesField(12, floatPair('logits')),
  ];
  const opset = encodeBytesField(8, encodeStringField(1, ''), encodeVarintField(2, 17));
  return concat([encodeVarintField(1, 8), opset, encodeBytesField(7, ...graph)]);
}

async function runModel(model: Uint8Array, feeds: Record<string, ort.Tensor>, fetches: string[]) {
  const session = await ort.InferenceSession.create(model, sessionOptions(1));
  try {
    const out = await session.run(feeds, fetches);
    return fetches.map((name) => out[name].data as Float32Array);
  } finally {
    await session.release();
  }
}

/** Every input of every node is produced by a node of the graph, or is a graph input or initializer. */
function assertClosed(graph: OnnxGraph): void {
  const available = new Set(['', ...graph.inputs.map((i) => i.name), ...graph.initializers.map((i) => i.name)]);
  for (const node of graph.nodes) {
    for (const input of node.inputs) assert.ok(available.has(input), `${node.name} reads the dropped ${input}`);
    node.outputs.forEach((o) => available.add(o));
  }
}

describe('pruning the nodes no tap needs', () => {
  test('a made-up graph keeps only what its taps need and still runs', async () => {
    const bytes = madeUpModel();
    const graph = readOnnxGraph(bytes);
    const needed = nodesNeededFor(graph, ['h', 'h2']);
    assert.deepEqual([...needed].sort(), [0, 2, 5]);

    const pruned = concat(
      spliceGraph(bytes, graph, {
        keepNode: (i) => needed.has(i),
        keepOutput: () => false,
        addOutputs: [{ name: 'h', dims: [2] }, { name: 'h2', dims: [2] }],
      }),
    );
    const reread = readOnnxGraph(pruned);
    assert.deepEqual(reread.nodes.map((n) => n.opType), ['Relu', 'Abs', 'Add']);
    assert.deepEqual(reread.outputs.map((o) => o.name), ['h', 'h2']);
    assertClosed(reread);
    const x = new ort.Tensor('float32', Float32Array.from([-1, 2]), [2]);
    const [h, h2] = await runModel(pruned, { x }, ['h', 'h2']);
    assert.deepEqual([...h], [0, 2]);
    assert.deepEqual([...h2], [0, 4]);
  });

  test('a graph with If/Loop bodies keeps every node', () => {
    const graph = readOnnxGraph(madeUpModel());
    assert.equal(nodesNeededFor(graph, ['h']).size, 1);
    assert.equal(nodesNeededFor({ ...graph, hasSubgraphs: true }, ['h']).size, graph.nodes.length);
  });

  test('an encoder whose every node is needed keeps every byte; only outputs are appended', () => {
    const bytes = readFileSync(path.join(TINY_BERT, 'onnx', 'model_quantized.onnx'));
    const graph = readOnnxGraph(bytes);
    const tapped = buildTappedModel(bytes, { family: 'bert', layers: 6, hiddenSize: 128 }, 'tiny-bert');
    const spliced = concat(tapped.chunks);
    const reread = readOnnxGraph(spliced);
    assert.deepEqual(reread.nodes, graph.nodes);
    assert.deepEqual(reread.outputs.slice(0, graph.outputs.length), graph.outputs);
    const { start, valueStart, end } = graph.graphField;
    const shift = reread.graphField.valueStart - valueStart;
    assert.ok(bytes.subarray(0, start).equals(spliced.subarray(0, start)));
    assert.ok(bytes.subarray(valueStart, end).equals(spliced.subarray(valueStart + shift, end + shift)));
    assert.ok(bytes.subarray(end).equals(spliced.subarray(reread.graphField.end)));
    const appended = reread.fields.filter((f) => f.start >= end + shift);
    assert.equal(appended.length, tapped.taps.length - graph.outputs.length);
    assert.ok(appended.every((f) => f.number === 12), 'only outputs follow the original graph');
  });

  describe('the tiny GPT-2 decoder (q8)', () => {
    const source = path.join(TINY_GPT2, 'onnx', 'decoder_model_quantized.onnx');
    const bytes = readFileSync(source);
    const graph = readOnnxGraph(bytes);
    const tapped = buildTappedModel(bytes, { family: 'gpt2', layers: 6, hiddenSize: 128 }, source);
    const pruned = concat(tapped.chunks);
    const reread = readOnnxGraph(pruned);

    test('loses logits and the LM head, keeping every tap', () => {
      assert.ok(graph.outputs.some((o) => o.name === 'logits'));
      assert.deepEqual(reread.outputs.map((o) => o.name), tapped.taps);
      assert.ok(reread.nodes.length < graph.nodes.length, `${reread.nodes.length} of ${graph.nodes.length} nodes`);
      assertClosed(reread);
    });

    test('gives the same hidden states as the unpruned graph', async () => {
      const keepAll = () => true;
      const unpruned = concat(
        spliceGraph(bytes, graph, {
          keepNode: keepAll,
          keepOutput: keepAll,
          addOutputs: tapped.taps.map((name) => ({ name, dims: ['batch_size', 'sequence_length', 128] })),
        }),
      );
      const ids = BigInt64Array.from([464n, 36520n, 8159n, 257n, 18798n, 1182n, 706n, 300n, 77n, 62n, 69n, 13n]);
      const feeds = {
        input_ids: new ort.Tensor('int64', ids, [1, ids.length]),
        attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]),
      };
      const before = await runModel(unpruned, feeds, tapped.taps);
      const after = await runModel(pruned, feeds, tapped.taps);
      before.forEach((layer, l) => {
        const diff = maxAbsDiffArrays(after[l], layer);
        assert.ok(diff <= 1e-6, `layer ${l}: pruning changed the hidden state by ${diff}`);
      });
    });
  });
});
