/**
 * Every family and dtype Probe Lens taps, on small random models exported like the real ones
 * (test/fixtures/make-fixtures.py): layers against the PyTorch reference, padded batches against single texts,
 * quantised and half-precision files against full precision, and the exports that must be refused.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { loadEncoder, openTappedSession } from '../../../src/core/encoders/load-encoder';
import { resolveModel } from '../../../src/core/encoders/model/resolve';
import type { Dtype, Encoder } from '../../../src/core/encoders/types';
import { ProbeLensError } from '../../../src/core/errors';
import { familyFixtures, FIXTURE_TEXTS, fixtureReference } from './family-fixtures';
import { maxAbsDiff, maxAbsDiffArrays, tempDir } from './helpers';

const cacheDir = tempDir();
let root = '';
before(async () => {
  root = await familyFixtures();
});

/** Every layer of every fixture text against the reference; returns the largest error. */
async function referenceError(encoder: Encoder, folder: string): Promise<number> {
  const reference = fixtureReference(folder);
  const states = await encoder.encode(FIXTURE_TEXTS);
  let worst = 0;
  states.forEach((state, i) => {
    assert.deepEqual(state.tokens.map((t) => t.id), reference.items[i].input_ids, FIXTURE_TEXTS[i]);
    assert.equal(state.numLayers, reference.items[i].hidden_states.length);
    state.layers.forEach((layer, l) => (worst = Math.max(worst, maxAbsDiff(layer, reference.items[i].hidden_states[l]))));
  });
  return worst;
}

async function batchedVersusSingle(encoder: Encoder): Promise<number> {
  const batched = await encoder.encode(FIXTURE_TEXTS, { batchSize: FIXTURE_TEXTS.length });
  let worst = 0;
  for (const [i, text] of FIXTURE_TEXTS.entries()) {
    const [alone] = await encoder.encode([text]);
    alone.layers.forEach((layer, l) => (worst = Math.max(worst, maxAbsDiffArrays(layer, batched[i].layers[l]))));
  }
  return worst;
}

const FAMILIES: Array<[string, string]> = [
  ['qwen2', 'Qwen2 (biased q/k/v projections, tied embeddings)'],
  ['qwen3', 'Qwen3 (q/k norms)'],
  ['mistral', 'Mistral'],
  ['phi3', 'Phi-3 (fused qkv_proj and gate_up_proj)'],
  ['gemma', 'Gemma (scaled embeddings, (1 + w) RMSNorm, GELU)'],
  ['gemma2', 'Gemma 2 (norms around each sublayer, soft-capped logits)'],
  ['gemma3_text', 'Gemma 3 (sandwich norms and q/k norms)'],
  ['llama-genai-gqa', 'Llama in onnxruntime-genai’s layout with GroupQueryAttention'],
  ['xlm-roberta', 'XLM-RoBERTa (Unigram tokenizer, positions after the padding index)'],
  ['electra', 'ELECTRA (16-wide embeddings projected to the hidden size)'],
  ['deberta-v2', 'DeBERTa-v2 (disentangled attention, masked embeddings)'],
  ['modernbert', 'ModernBERT (pre-norm blocks; the final norm is not a hidden state)'],
];

describe('every family matches its reference at every layer', () => {
  for (const [name, what] of FAMILIES) {
    test(`${what}: within 1e-4, and a padded batch equals single texts`, async () => {
      const folder = path.join(root, name);
      const encoder = await loadEncoder(folder, { cacheDir, threads: 1 });
      try {
        const error = await referenceError(encoder, folder);
        assert.ok(error <= 1e-4, `max error ${error}`);
        const padding = await batchedVersusSingle(encoder);
        assert.ok(padding <= 1e-4, `batched differs by ${padding}`);
      } finally {
        await encoder.dispose();
      }
    });
  }
});

describe('dtypes of one export (Qwen2)', () => {
  const cases: Array<[Dtype, number, string]> = [
    ['fp32', 1e-4, 'product'],
    ['fp16', 2e-2, 'product'],
    ['q8', 0.1, 'head-input'],
    ['int8', 0.1, 'head-input'],
    ['uint8', 0.1, 'head-input'],
    ['q4', 0.5, 'head-input'],
    ['q4f16', 0.5, 'head-input'],
  ];
  for (const [dtype, tolerance, lmHead] of cases) {
    test(`${dtype}: loads its own file, returns float32 layers near the reference, and its LM head check passes`, async () => {
      const folder = path.join(root, 'qwen2');
      const encoder = await loadEncoder(folder, { cacheDir, threads: 1, dtype });
      try {
        assert.equal(encoder.identity.dtype, dtype);
        const error = await referenceError(encoder, folder);
        assert.ok(error <= tolerance, `max error ${error} > ${tolerance}`);
        const resolved = await resolveModel(folder, { dtype });
        const opened = await openTappedSession(resolved, encoder.tokenizer, { cacheDir, threads: 1 });
        await opened.session.dispose();
        assert.equal(opened.file.manifest.check.lmHead, lmHead);
      } finally {
        await encoder.dispose();
      }
    });
  }

  test('onnxruntime-genai’s int4 (MatMulNBits) export: the dtype comes from the graph', async () => {
    const encoder = await loadEncoder(path.join(root, 'llama-genai-int4'), { cacheDir, threads: 1 });
    try {
      assert.equal(encoder.identity.dtype, 'q4');
      const error = await referenceError(encoder, path.join(root, 'llama-genai-int4'));
      assert.ok(error <= 0.5, `max error ${error}`);
    } finally {
      await encoder.dispose();
    }
  });

  test('a dtype the folder does not have is refused with the dtypes it offers', async () => {
    await assert.rejects(loadEncoder(path.join(root, 'mistral'), { cacheDir, dtype: 'q4' }), (error: unknown) => {
      assert.ok(error instanceof ProbeLensError);
      assert.match(error.message, /No q4 ONNX file .*onnx\/model_q4\.onnx.*The model offers fp32/);
      return true;
    });
    await assert.rejects(loadEncoder(path.join(root, 'llama-genai-int4'), { cacheDir, dtype: 'fp16' }), /genai export in q4.*fp16 was asked for/);
  });
});

/** A copy of a fixture folder in a temp dir, with `skip` left out (symbolic links for the big files). */
function copyOf(name: string, skip: string[] = []): string {
  const source = path.join(root, name);
  const target = path.join(tempDir(), name);
  const copy = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from)) {
      if (skip.includes(entry)) continue;
      const file = path.join(from, entry);
      if (statSync(file).isDirectory()) copy(file, path.join(to, entry));
      else copyFileSync(file, path.join(to, entry));
    }
  };
  copy(source, target);
  return target;
}

describe('weights outside the graph (external data)', () => {
  test('a model whose weights are in model.onnx_data loads, and its tapped graph holds none of them', async () => {
    const folder = path.join(root, 'llama-external');
    const encoder = await loadEncoder(folder, { cacheDir, threads: 1 });
    try {
      assert.ok((await referenceError(encoder, folder)) <= 1e-4);
      const resolved = await resolveModel(folder);
      const opened = await openTappedSession(resolved, encoder.tokenizer, { cacheDir, threads: 1 });
      await opened.session.dispose();
      assert.ok(opened.file.manifest.weights.some((w) => w.file === 'model.onnx_data'));
      const data = statSync(path.join(folder, 'onnx', 'model.onnx_data')).size;
      assert.ok(statSync(opened.file.path).size < 0.05 * data);
    } finally {
      await encoder.dispose();
    }
  });

  test('behind symbolic links (a Hugging Face snapshot linking into blobs/), the weights are found where the links lead', async () => {
    const folder = path.join(tempDir(), 'snapshot');
    const blobs = path.join(tempDir(), 'blobs');
    mkdirSync(path.join(folder, 'onnx'), { recursive: true });
    mkdirSync(blobs);
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) symlinkSync(path.join(root, 'llama-external', file), path.join(folder, file));
    for (const [file, blob] of [['model.onnx', 'a1'], ['model.onnx_data', 'b2']]) {
      copyFileSync(path.join(root, 'llama-external', 'onnx', file), path.join(blobs, blob));
      symlinkSync(path.join(blobs, blob), path.join(folder, 'onnx', file));
    }
    const encoder = await loadEncoder(folder, { cacheDir: tempDir(), threads: 1 });
    try {
      assert.ok((await referenceError(encoder, path.join(root, 'llama-external'))) <= 1e-4);
    } finally {
      await encoder.dispose();
    }
  });

  test('a missing external-data file is named', async () => {
    const folder = copyOf('llama-external', ['model.onnx_data']);
    await assert.rejects(loadEncoder(folder, { cacheDir: tempDir() }), (error: unknown) => {
      assert.ok(error instanceof ProbeLensError && error.code === 'model-not-found', String(error));
      assert.match(error.message, /onnx\/model\.onnx_data is missing: .*keeps its weights in it/);
      return true;
    });
  });

  test('a cut-short external-data file is refused as truncated', async () => {
    const folder = copyOf('llama-external');
    truncateSync(path.join(folder, 'onnx', 'model.onnx_data'), 1000);
    await assert.rejects(loadEncoder(folder, { cacheDir: tempDir() }), /model\.onnx_data holds 1,000 bytes, but .* needs [\d,]+ of it: the file is truncated/);
  });

  test('weights larger than the machine’s memory are refused before onnxruntime is asked, from the file sizes', async () => {
    const folder = copyOf('llama-external');
    // A sparse file: as large as twice the memory, without using the disk.
    truncateSync(path.join(folder, 'onnx', 'model.onnx_data'), 2 * os.totalmem());
    await assert.rejects(loadEncoder(folder, { cacheDir: tempDir() }), (error: unknown) => {
      assert.ok(error instanceof ProbeLensError && error.code === 'bad-model', String(error));
      assert.match(error.message, /has [\d.]+ GB of weights, more than this machine's [\d.]+ GB of memory/);
      return true;
    });
  });
});

describe('exports that cannot run are refused with the reason', () => {
  test('a graph computing in bfloat16 (onnxruntime’s CPU provider has no kernels for it)', async () => {
    await assert.rejects(loadEncoder(path.join(root, 'llama-genai-bf16'), { cacheDir }), (error: unknown) => {
      assert.ok(error instanceof ProbeLensError && error.code === 'bad-model', String(error));
      assert.match(error.message, /computes in bfloat16.*use the export’s fp32, fp16 or quantised file/s);
      return true;
    });
  });

  test('a folder with only decoder_model_merged.onnx', async () => {
    const folder = copyOf('mistral', ['onnx']);
    mkdirSync(path.join(folder, 'onnx'));
    writeFileSync(path.join(folder, 'onnx', 'decoder_model_merged.onnx'), 'not needed: never opened');
    await assert.rejects(loadEncoder(folder, { cacheDir }), /decoder_model_merged\.onnx is there, but a merged decoder cannot be tapped/);
  });
});
