import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { readOnnxGraph } from '../../../src/core/encoders/onnx/graph';
import { sha256File } from '../../../src/core/encoders/taps/fingerprint';
import { TAP_LOGIC_VERSION, tappedModelFile } from '../../../src/core/encoders/taps/tap-cache';
import { TINY_BERT } from '../../shared-path';
import { readReference, tempDir } from './helpers';

const spec = { family: 'bert', layers: 6, hiddenSize: 128 } as const;

describe('tap cache', () => {
  test('rewrites once, keyed by the source hash and the tap logic version, then reuses the file', async () => {
    const cacheDir = tempDir();
    const source = path.join(TINY_BERT, 'onnx', 'model.onnx');
    const first = await tappedModelFile(source, spec, cacheDir);
    assert.equal(first.rewritten, true);
    const sha = await sha256File(source);
    assert.equal(first.manifest.sha256, sha);
    assert.equal(path.basename(first.path), `${sha}-bert-6-v${TAP_LOGIC_VERSION}.onnx`);
    assert.deepEqual(first.manifest.taps, readReference(TINY_BERT).tensor_names);
    assert.deepEqual(first.manifest.inputs, ['input_ids', 'attention_mask', 'token_type_ids']);

    const outputs = readOnnxGraph(readFileSync(first.path)).outputs.map((o) => o.name);
    assert.deepEqual(outputs.sort(), [...first.manifest.taps].sort());
    assert.ok(statSync(first.path).size - statSync(source).size < 1000, 'only outputs were added');

    const written = statSync(first.path).mtimeMs;
    const second = await tappedModelFile(source, spec, cacheDir);
    assert.equal(second.rewritten, false);
    assert.equal(second.path, first.path);
    assert.equal(statSync(second.path).mtimeMs, written);
    assert.deepEqual(
      readdirSync(cacheDir).filter((f) => f.includes('.tmp-')),
      [],
      'no temporary files are left behind',
    );
  });

  test('a changed source file is hashed again and rewritten under its new hash', async () => {
    const cacheDir = tempDir();
    const work = tempDir();
    const source = path.join(work, 'model.onnx');
    copyFileSync(path.join(TINY_BERT, 'onnx', 'model.onnx'), source);
    const first = await tappedModelFile(source, spec, cacheDir);
    copyFileSync(path.join(TINY_BERT, 'onnx', 'model_quantized.onnx'), source);
    utimesSync(source, new Date(), new Date(Date.now() + 5000));
    const second = await tappedModelFile(source, spec, cacheDir);
    assert.equal(second.rewritten, true);
    assert.notEqual(second.manifest.sha256, first.manifest.sha256);
    assert.equal(second.manifest.sha256, await sha256File(source));
  });
});
