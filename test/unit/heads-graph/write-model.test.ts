import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { readOnnxGraph } from '../../../src/core/encoders/onnx/graph';
import { encodeInt64Field } from '../../../src/core/encoders/onnx/wire';
import { GraphBuilder } from '../../../src/core/heads/graph/graph-builder';

test('a built model reads back with the project reader and runs in onnxruntime', async () => {
  const g = new GraphBuilder();
  const x = g.input('x', ['rows', 3]);
  const shifted = g.op('Add', [x, g.constant([1, 2, 3], [3], 'shift')]);
  const lastRow = g.op('Gather', [shifted, g.ints([-1])], { axis: 0 });
  g.output('y', g.op('Softmax', [lastRow], { axis: -1 }), [1, 3]);
  const model = g.toModel('tiny');

  const graph = readOnnxGraph(model);
  assert.deepEqual(graph.inputs, [{ name: 'x', elemType: 1, dims: ['rows', 3] }]);
  assert.deepEqual(graph.outputs.map((o) => o.name), ['y']);
  assert.deepEqual(graph.nodes.map((n) => n.opType), ['Add', 'Gather', 'Softmax', 'Identity']);
  assert.equal(graph.initializerNames.length, 2);

  const session = await ort.InferenceSession.create(model);
  const { y } = await session.run({ x: new ort.Tensor('float32', Float32Array.from([0, 0, 0, 1, 1, 1]), [2, 3]) });
  const e = [Math.exp(2), Math.exp(3), Math.exp(4)];
  const sum = e[0] + e[1] + e[2];
  Array.from(y.data as Float32Array).forEach((v, i) => assert.ok(Math.abs(v - e[i] / sum) < 1e-6, `${v}`));
  await session.release();
});

test('negative int64 values are written as ten-byte two’s complement varints', () => {
  // Tag 3 << 3 = 0x18, then 2^64 − 1 and 2^64 − 2, seven bits at a time, lowest first.
  assert.deepEqual(Array.from(encodeInt64Field(3, -1)), [0x18, ...Array<number>(9).fill(0xff), 0x01]);
  assert.deepEqual(Array.from(encodeInt64Field(3, -2)), [0x18, 0xfe, ...Array<number>(8).fill(0xff), 0x01]);
  assert.deepEqual(Array.from(encodeInt64Field(3, 300)), [0x18, 0xac, 0x02]);
});
