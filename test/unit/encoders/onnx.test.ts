import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { readOnnxGraph, TensorElemType } from '../../../src/core/encoders/onnx/graph';
import { spliceGraph } from '../../../src/core/encoders/onnx/splice-graph';
import {
  encodeBytesField,
  encodeStringField,
  encodeVarint,
  encodeVarintField,
  MalformedMessageError,
  readFields,
  readString,
  readVarint,
} from '../../../src/core/encoders/onnx/wire';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';

const concat = (parts: Uint8Array[]) => Buffer.concat(parts);

describe('protobuf wire format', () => {
  test('varints round-trip over the safe integer range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const bytes = encodeVarint(n);
        assert.deepEqual(readVarint(bytes, 0, bytes.length), { value: n, next: bytes.length });
      }),
    );
    assert.deepEqual([...encodeVarint(300)], [0xac, 0x02]);
  });

  test('fields are read with their offsets and values', () => {
    const message = concat([encodeVarintField(1, 150), encodeStringField(2, 'héllo'), encodeBytesField(3)]);
    const fields = [...readFields(message, 0, message.length)];
    assert.deepEqual(
      fields.map((f) => [f.number, f.wireType, f.varint]),
      [
        [1, 0, 150],
        [2, 2, 6],
        [3, 2, 0],
      ],
    );
    assert.equal(readString(message, fields[1]), 'héllo');
    assert.equal(fields[2].end, message.length);
  });

  test('a message cut anywhere inside a field is reported, never misread', () => {
    const message = concat([encodeStringField(7, 'a graph'), encodeVarintField(1, 123456)]);
    for (let cut = 1; cut < message.length; cut++) {
      if (cut === encodeStringField(7, 'a graph').length) continue; // a clean field boundary is a valid message
      assert.throws(() => [...readFields(message, 0, cut)], MalformedMessageError, `cut at ${cut}`);
    }
  });
});

describe('ONNX graph reader', () => {
  test('lists the nodes, inputs, outputs and initializers of the shared BERT export', () => {
    const graph = readOnnxGraph(readFileSync(path.join(TINY_BERT, 'onnx', 'model.onnx')));
    assert.deepEqual(
      graph.inputs.map((i) => [i.name, i.elemType]),
      [
        ['input_ids', TensorElemType.int64],
        ['attention_mask', TensorElemType.int64],
        ['token_type_ids', TensorElemType.int64],
      ],
    );
    assert.deepEqual(graph.inputs[0].dims, ['batch_size', 'sequence_length']);
    assert.equal(graph.outputs.length, 1);
    assert.equal(graph.outputs[0].name, 'last_hidden_state');
    assert.equal(graph.outputs[0].elemType, TensorElemType.float);
    const words = graph.initializers.find((i) => i.name === 'bert.embeddings.word_embeddings.weight');
    assert.deepEqual(words?.dims, [30522, 128]);
    assert.equal(words?.dataType, TensorElemType.float);
    assert.equal(words?.data.kind, 'inline');
    const producers = new Map(graph.nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
    assert.equal(producers.get('last_hidden_state')?.opType, 'Add');
    assert.ok(graph.initializers.every((i) => i.data.kind !== 'external'));
  });

  test('a truncated file is malformed wherever it is cut', () => {
    const bytes = readFileSync(path.join(TINY_GPT2, 'onnx', 'model_quantized.onnx'));
    for (const fraction of [0.0001, 0.1, 0.5, 0.999]) {
      const prefix = bytes.subarray(0, Math.floor(bytes.length * fraction));
      assert.throws(() => readOnnxGraph(prefix), MalformedMessageError, `cut at ${fraction}`);
    }
  });
});

describe('adding graph outputs', () => {
  const bytes = readFileSync(path.join(TINY_BERT, 'onnx', 'model_quantized.onnx'));
  const graph = readOnnxGraph(bytes);
  const added = [
    { name: '/bert/embeddings/LayerNorm/Add_1_output_0', dims: ['batch_size', 'sequence_length', 128] },
    { name: '/bert/encoder/layer.0/output/LayerNorm/Add_1_output_0', dims: ['b', 7, undefined] },
  ];
  const keepAll = () => true;
  const spliced = concat(spliceGraph(bytes, graph, { keepNode: keepAll, keepOutput: keepAll, addOutputs: added }));
  const reread = readOnnxGraph(spliced);

  test('the new outputs follow the old ones, typed float with the given shape', () => {
    assert.deepEqual(reread.outputs, [
      ...graph.outputs,
      ...added.map((a) => ({ name: a.name, elemType: TensorElemType.float, dims: a.dims })),
    ]);
  });

  test('every other byte is kept: nodes, initializers and the bytes around the graph', () => {
    assert.deepEqual(reread.nodes, graph.nodes);
    assert.deepEqual(reread.initializers.map((i) => i.name), graph.initializers.map((i) => i.name));
    assert.deepEqual(reread.valueInfo, graph.valueInfo);
    const { valueStart, end } = graph.graphField;
    assert.ok(bytes.subarray(0, graph.graphField.start).equals(spliced.subarray(0, graph.graphField.start)));
    const shift = reread.graphField.valueStart - valueStart;
    assert.ok(bytes.subarray(valueStart, end).equals(spliced.subarray(valueStart + shift, end + shift)));
    assert.ok(bytes.subarray(end).equals(spliced.subarray(reread.graphField.end)));
  });
});
