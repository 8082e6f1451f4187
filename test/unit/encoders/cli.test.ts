import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { formatFloat32 } from '../../../src/cli/layers-output';
import { loadEncoder } from '../../../src/core/encoders/load-encoder';
import type { Encoder, HiddenStates } from '../../../src/core/encoders/types';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { cli as runCapturedCli } from '../cli/run-cli';
import { tempDir } from './helpers';

const cacheDir = tempDir();

/** `probe-lens <args>` with this file's cache folder and a captured terminal. */
const cli = (args: string[], stdin = '') => runCapturedCli([...args, '--cache-dir', cacheDir], { stdin });

const TEXT = 'Probe Lens, naïvely: 🚀\r\nok';

describe('probe-lens layers', () => {
  let encoder: Encoder;
  let expected: HiddenStates;
  before(async () => {
    encoder = await loadEncoder(TINY_GPT2, { cacheDir });
    [expected] = await encoder.encode([TEXT]);
  });
  after(() => encoder.dispose());

  test('prints the layer count, hidden size and a row of norms per token', async () => {
    const run = await cli(['layers', '--model', TINY_BERT, 'Hello, world!']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Layers\s+6 blocks: 7 hidden states, 0 = embeddings/);
    assert.match(run.stdout, /Hidden size\s+128/);
    assert.match(run.stdout, /\n0 +\[CLS\] +special( +\d+\.\d\d){7}\n/);
    assert.match(run.stdout, /\n1 +hello +0-5( +\d+\.\d\d){7}\n/);
  });

  test('--json --full gives every vector, exactly, with the tokens and their spans', async () => {
    const run = await cli(['layers', '-m', TINY_GPT2, '--json', '--full', TEXT]);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as {
      model: string;
      family: string;
      layers: number;
      hiddenSize: number;
      tokens: { text: string; start: number; end: number; special: boolean }[];
      hidden_states: number[][][];
    };
    assert.equal(json.family, 'gpt2');
    assert.equal(json.layers, 6);
    assert.equal(json.hiddenSize, 128);
    assert.deepEqual(
      json.tokens,
      expected.tokens.map(({ text, start, end, special }) => ({ text, start, end, special })),
    );
    assert.equal(json.hidden_states.length, expected.numLayers);
    json.hidden_states.forEach((layer, l) =>
      assert.deepEqual(Float32Array.from(layer.flat()), expected.layers[l], `layer ${l}`),
    );
  });

  test('--json gives norms[layer][token]; - reads the text from stdin as is', async () => {
    const run = await cli(['layers', '-m', TINY_GPT2, '--json', '-'], TEXT);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { norms: number[][]; tokens: unknown[] };
    assert.equal(json.tokens.length, expected.tokens.length);
    assert.equal(json.norms.length, expected.numLayers);
    const h = expected.hiddenSize;
    const norm = Math.hypot(...expected.layers[3].subarray(2 * h, 3 * h));
    assert.ok(Math.abs(json.norms[3][2] - norm) < 1e-4 * norm);
  });

  test('a ProbeLensError: exit 1 and its message, no stack', async () => {
    const run = await cli(['layers', '-m', TINY_GPT2, ' \n ']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /empty or only whitespace/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);

    const missing = await cli(['layers', '-m', '/no/such/model', 'text']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /\/no\/such\/model does not exist/);
  });

  test('usage errors: exit 2 with a pointer to --help', async () => {
    for (const args of [
      ['layers', 'text'],
      ['layers', '-m', TINY_GPT2],
      ['layers', '-m', TINY_GPT2, 'two', 'texts'],
      ['layers', '-m', TINY_GPT2, '--dtype', 'fp16', 'text'],
      ['layers', '-m', TINY_GPT2, '--full', 'text'],
      ['layers', '-m', TINY_GPT2, '--threads', 'many', 'text'],
      ['layers', '-m', TINY_GPT2, '--execution-provider', 'tpu', 'text'],
      ['layers', '--no-such-flag'],
      ['frobnicate'],
    ]) {
      const run = await cli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /--help/);
    }
  });

  test('--help lists the commands and global options; a command’s --help its own', async () => {
    const general = await cli(['--help']);
    assert.equal(general.code, 0);
    assert.match(general.stdout, /layers +every layer/);
    assert.match(general.stdout, /--offline[\s\S]*--models-root[\s\S]*--cache-dir/);
    const layers = await cli(['layers', '--help']);
    assert.equal(layers.code, 0);
    assert.match(layers.stdout, /Usage: probe-lens layers --model/);
  });
});

test('floats print short and read back as the same float32', () => {
  fc.assert(
    fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (value) => {
      const text = formatFloat32(value);
      assert.equal(Math.fround(Number(text)), Math.fround(value));
      assert.ok(text.length <= 15, text);
    }),
  );
});
