/** Loading tokenizers from folders and parsed files: the settings they take, and clear errors for bad files. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { createTokenizer, loadTokenizer } from '../../../src/core/encoders/tokenize';
import type { ErrorCode } from '../../../src/core/errors';
import { ProbeLensError } from '../../../src/core/errors';
import { TINY_BERT, TINY_GPT2 } from '../../shared-path';
import { encodeIds, tokenizerFiles, type Json } from './fixtures';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-lens-tokenize-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A model folder in the scratch directory holding the given files. */
function folderWith(name: string, files: Record<string, string>): string {
  const folder = path.join(scratch, name);
  fs.mkdirSync(folder);
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, file), content);
  return folder;
}

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ProbeLensError, `expected a ProbeLensError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

function throwsWith(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ProbeLensError && error.code === 'bad-model', `expected a bad-model error, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });
}

const bertJson = fs.readFileSync(path.join(TINY_BERT, 'tokenizer.json'), 'utf8');

describe('loadTokenizer: files that are missing or damaged', () => {
  it('names a folder that does not exist', async () => {
    const missing = path.join(scratch, 'no-such-model');
    await rejectsWith(loadTokenizer(missing, 'bert'), 'model-not-found', /no-such-model.*tokenizer\.json does not exist/);
  });

  it('names the missing tokenizer.json', async () => {
    const folder = folderWith('no-tokenizer', { 'tokenizer_config.json': '{}' });
    await rejectsWith(loadTokenizer(folder, 'bert', 512), 'model-not-found', /no-tokenizer.tokenizer\.json does not exist/);
  });

  it('names a truncated tokenizer.json and the line where it breaks', async () => {
    const cut = bertJson.slice(0, 2000);
    const folder = folderWith('truncated', { 'tokenizer.json': cut });
    const lines = cut.split('\n');
    await rejectsWith(
      loadTokenizer(folder, 'bert', 512),
      'bad-model',
      new RegExp(`truncated.tokenizer\\.json:${lines.length}:${(lines.at(-1) as string).length + 1} is not valid JSON`),
    );
  });

  it('names a tokenizer_config.json that is not JSON', async () => {
    const folder = folderWith('bad-config', { 'tokenizer.json': bertJson, 'tokenizer_config.json': '{ "a": ' });
    await rejectsWith(loadTokenizer(folder, 'bert', 512), 'bad-model', /bad-config.tokenizer_config\.json.* is not valid JSON/);
  });

  it('names the field when tokenizer.json is valid JSON without a vocabulary', async () => {
    const json = JSON.parse(bertJson) as Json;
    delete (json.model as Json).vocab;
    const folder = folderWith('no-vocab', { 'tokenizer.json': JSON.stringify(json) });
    await rejectsWith(loadTokenizer(folder, 'bert', 512), 'bad-model', /no-vocab.tokenizer\.json: model\.vocab should be an object/);
  });

  it('works without tokenizer_config.json when the position limit is given', async () => {
    const folder = folderWith('no-config', { 'tokenizer.json': bertJson });
    const tokenizer = await loadTokenizer(folder, 'bert', 128);
    assert.equal(tokenizer.maxLength, 128);
    await rejectsWith(loadTokenizer(folder, 'bert'), 'bad-model', /no model_max_length/);
  });
});

describe('createTokenizer: what it reads from the files', () => {
  it('rejects a model other than WordPiece, BPE and Unigram by name', () => {
    const { json, config } = tokenizerFiles(TINY_BERT);
    json.model = { type: 'WordLevel', vocab: { a: 0 } };
    throwsWith(() => createTokenizer(json, config, 'bert', 512), /model\.type "WordLevel" is not supported/);
  });

  it('rejects files of another family than the model\'s', () => {
    const { json, config } = tokenizerFiles(TINY_GPT2);
    throwsWith(() => createTokenizer(json, config, 'bert', 512), /byte-level-bpe tokenizer, but the model family "bert"/);
  });

  it('rejects a merge whose tokens are not in the vocabulary', () => {
    const { json, config } = tokenizerFiles(TINY_GPT2);
    (json.model as Json).merges = ['Ġ t', 'no such'];
    throwsWith(() => createTokenizer(json, config, 'gpt2', 512), /merge 2 \("no such"\)/);
  });

  it('treats model_max_length 1e30 (no limit) as absent and takes the position limit', () => {
    const { json, config } = tokenizerFiles(TINY_BERT);
    config.model_max_length = 1e30;
    assert.equal(createTokenizer(json, config, 'bert', 512).maxLength, 512);
    assert.equal(createTokenizer(json, { ...config, model_max_length: 256 }, 'bert', 512).maxLength, 256);
  });

  it('reads merges written as pairs as well as "a b" strings', () => {
    const strings = tokenizerFiles(TINY_GPT2);
    const pairs = tokenizerFiles(TINY_GPT2);
    (pairs.json.model as Json).merges = ((strings.json.model as Json).merges as string[]).map((merge) => merge.split(' '));
    const text = 'Pairs and strings give the same tokens, naïvely 東京.';
    assert.deepEqual(
      encodeIds(createTokenizer(pairs.json, pairs.config, 'gpt2', 512), text),
      encodeIds(createTokenizer(strings.json, strings.config, 'gpt2', 512), text),
    );
  });

  it('reads BertProcessing as well as TemplateProcessing', () => {
    const template = tokenizerFiles(TINY_BERT);
    const bert = tokenizerFiles(TINY_BERT);
    const vocab = (bert.json.model as { vocab: Record<string, number> }).vocab;
    bert.json.post_processor = { type: 'BertProcessing', sep: ['[SEP]', vocab['[SEP]']], cls: ['[CLS]', vocab['[CLS]']] };
    const text = 'Same specials either way.';
    assert.deepEqual(
      encodeIds(createTokenizer(bert.json, bert.config, 'bert', 512), text),
      encodeIds(createTokenizer(template.json, template.config, 'bert', 512), text),
    );
  });

  it('reads a Sequence of post-processors: the later one wraps the earlier', () => {
    const { json, config } = tokenizerFiles(TINY_GPT2);
    const vocab = (json.model as { vocab: Record<string, number> }).vocab;
    const eosId = vocab['<|endoftext|>'];
    const eos = { SpecialToken: { id: '<|endoftext|>', type_id: 0 } };
    json.post_processor = {
      type: 'Sequence',
      processors: [
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: true },
        {
          type: 'TemplateProcessing',
          single: [eos, { Sequence: { id: 'A', type_id: 0 } }, eos],
          pair: [],
          special_tokens: { '<|endoftext|>': { id: '<|endoftext|>', ids: [eosId], tokens: ['<|endoftext|>'] } },
        },
      ],
    };
    const tokenizer = createTokenizer(json, config, 'gpt2', 512);
    assert.equal(tokenizer.specialCount, 2);
    assert.deepEqual(encodeIds(tokenizer, 'Hi'), [eosId, vocab.Hi, eosId]);
  });

  it('falls back to tokenizer.json\'s padding for the pad id when the config names no pad token', () => {
    const { json, config } = tokenizerFiles(TINY_GPT2);
    json.padding = { pad_id: 7, pad_token: '(' };
    assert.equal(createTokenizer(json, config, 'gpt2', 512).padId, 7);
  });
});
