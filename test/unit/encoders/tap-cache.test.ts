import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { readOnnxGraph } from '../../../src/core/encoders/onnx/graph';
import { resolveRuntime } from '../../../src/core/encoders/session/session-options';
import { sha256File } from '../../../src/core/encoders/taps/fingerprint';
import { TAP_LOGIC_VERSION, tappedModelFile } from '../../../src/core/encoders/taps/tap-cache';
import { TINY_BERT } from '../../shared-path';
import { readReference, tempDir } from './helpers';

const spec = { family: 'bert', layers: 6, hiddenSize: 128 } as const;
// [CLS] hello world [SEP] and [CLS] hello [SEP] in the tiny BERT's vocabulary.
const sample = { ids: [[101, 7592, 2088, 102], [101, 7592, 102]], padId: 0, runtime: resolveRuntime({ threads: 1 }) };

describe('tap cache', () => {
  test('rewrites once, keyed by the source hash and the tap logic version, then reuses the file', async () => {
    const cacheDir = tempDir();
    const source = path.join(TINY_BERT, 'onnx', 'model.onnx');
    const first = await tappedModelFile(source, spec, cacheDir, sample);
    assert.equal(first.rewritten, true);
    const sha = await sha256File(source);
    assert.equal(first.manifest.sha256, sha);
    assert.equal(path.basename(first.path), `${sha}-bert-6-v${TAP_LOGIC_VERSION}.onnx`);
    assert.deepEqual(first.manifest.taps, readReference(TINY_BERT).tensor_names);
    assert.deepEqual(
      first.manifest.inputs.map((i) => i.name),
      ['input_ids', 'attention_mask', 'token_type_ids'],
    );
    assert.deepEqual(first.manifest.check, { shapes: true, lmHead: 'none' });

    const outputs = readOnnxGraph(readFileSync(first.path)).outputs.map((o) => o.name);
    assert.deepEqual(outputs.sort(), [...first.manifest.taps].sort());

    const written = statSync(first.path).mtimeMs;
    const second = await tappedModelFile(source, spec, cacheDir, sample);
    assert.equal(second.rewritten, false);
    assert.equal(second.path, first.path);
    assert.equal(statSync(second.path).mtimeMs, written);
    assert.deepEqual(
      readdirSync(cacheDir).filter((f) => f.includes('.tmp-')),
      [],
      'no temporary files are left behind',
    );
  });

  test('the tapped graph holds no weights: each large initializer refers to its bytes in the source file', async () => {
    const source = path.join(TINY_BERT, 'onnx', 'model.onnx');
    const tapped = await tappedModelFile(source, spec, tempDir(), sample);
    const size = statSync(tapped.path).size;
    assert.ok(size < 0.05 * statSync(source).size, `${size} bytes of ${statSync(source).size}`);
    const sourceBytes = readFileSync(source);
    const sourceGraph = readOnnxGraph(sourceBytes);
    const graph = readOnnxGraph(readFileSync(tapped.path));
    const words = graph.initializers.find((i) => i.name === 'bert.embeddings.word_embeddings.weight');
    const original = sourceGraph.initializers.find((i) => i.name === 'bert.embeddings.word_embeddings.weight');
    assert.ok(words?.data.kind === 'external' && original?.data.kind === 'inline');
    assert.equal(words.data.location, 'model.onnx');
    assert.equal(words.data.offset, original.data.start);
    assert.equal(words.data.length, original.data.end - original.data.start);
    assert.deepEqual(tapped.manifest.weights, [{ file: 'model.onnx', bytes: Math.max(...graph.initializers.flatMap((i) => (i.data.kind === 'external' ? [i.data.offset + i.data.length] : []))) }]);
    assert.equal(tapped.manifest.weightsDir, path.dirname(source));
  });

  test('a copy of the model elsewhere reuses the rewrite, with its weights where the copy is', async () => {
    const cacheDir = tempDir();
    const first = await tappedModelFile(path.join(TINY_BERT, 'onnx', 'model.onnx'), spec, cacheDir, sample);
    const folder = path.join(tempDir(), 'onnx');
    mkdirSync(folder);
    copyFileSync(path.join(TINY_BERT, 'onnx', 'model.onnx'), path.join(folder, 'model.onnx'));
    const second = await tappedModelFile(path.join(folder, 'model.onnx'), spec, cacheDir, sample);
    assert.equal(second.rewritten, false);
    assert.equal(second.path, first.path);
    assert.equal(second.manifest.weightsDir, folder);
  });

  test('a changed source file is hashed again and rewritten under its new hash', async () => {
    const cacheDir = tempDir();
    const work = tempDir();
    const source = path.join(work, 'model.onnx');
    copyFileSync(path.join(TINY_BERT, 'onnx', 'model.onnx'), source);
    const first = await tappedModelFile(source, spec, cacheDir, sample);
    copyFileSync(path.join(TINY_BERT, 'onnx', 'model_quantized.onnx'), source);
    utimesSync(source, new Date(), new Date(Date.now() + 5000));
    const second = await tappedModelFile(source, spec, cacheDir, sample);
    assert.equal(second.rewritten, true);
    assert.notEqual(second.manifest.sha256, first.manifest.sha256);
    assert.equal(second.manifest.sha256, await sha256File(source));
  });
});
