import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProbeLensError } from '../../../src/core/errors';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from '../../../src/core/heads/probe/safetensors';

const tensors = new Map<string, NamedTensor>([
  ['a.weight', { shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) }],
  ['b', { shape: [1], data: Float32Array.of(-0.5) }],
  ['empty', { shape: [0, 4], data: new Float32Array(0) }],
]);

test('encode → decode returns every tensor with its shape and values', () => {
  const bytes = encodeSafetensors(tensors, { format: 'pt' });
  const headerLength = Number(bytes.readBigUInt64LE(0));
  assert.equal(headerLength % 8, 0, 'header padded to 8 bytes');
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString()) as Record<string, unknown>;
  assert.deepEqual(header['a.weight'], { dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
  assert.deepEqual(header.__metadata__, { format: 'pt' });
  const decoded = decodeSafetensors(bytes, 'w.safetensors');
  assert.deepEqual([...decoded.keys()], [...tensors.keys()]);
  for (const [name, tensor] of tensors) {
    assert.deepEqual(decoded.get(name)!.shape, tensor.shape);
    assert.deepEqual(Array.from(decoded.get(name)!.data), Array.from(tensor.data));
  }
});

function rejects(bytes: Buffer, pattern: RegExp) {
  assert.throws(
    () => decodeSafetensors(bytes, '/probes/x/weights.safetensors'),
    (error: unknown) => error instanceof ProbeLensError && error.code === 'probe' && pattern.test(error.message) && error.message.includes('/probes/x/weights.safetensors'),
  );
}

test('a truncated file is refused, naming the file, at any cut', () => {
  const bytes = encodeSafetensors(tensors);
  rejects(bytes.subarray(0, 5), /truncated/);
  rejects(bytes.subarray(0, 20), /truncated/);
  rejects(bytes.subarray(0, bytes.length - 1), /truncated/);
});

test('a header that is not JSON, or a tensor of another dtype or inconsistent size, is refused', () => {
  const garbage = Buffer.alloc(24);
  garbage.writeBigUInt64LE(16n, 0);
  garbage.write('{not json', 8);
  rejects(garbage, /not JSON/);
  const header = (entry: object) => {
    const json = Buffer.from(JSON.stringify({ t: entry }));
    const out = Buffer.alloc(8 + json.length + 8);
    out.writeBigUInt64LE(BigInt(json.length), 0);
    json.copy(out, 8);
    return out;
  };
  rejects(header({ dtype: 'F16', shape: [4], data_offsets: [0, 8] }), /only F32/);
  rejects(header({ dtype: 'F32', shape: [3], data_offsets: [0, 8] }), /8 bytes for shape \[3\]/);
});
