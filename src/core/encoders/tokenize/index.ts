/**
 * Tokenizers with exact character offsets, built from a Hugging Face tokenizer.json (transformers.js returns
 * none). Ids match the Rust `tokenizers` library; each token's [start, end) indexes the original JS string in
 * UTF-16 units. Two places where offsets differ from Rust's on purpose:
 * - WordPiece with stripped accents: a token also covers the nonspacing marks right after it (Rust stops
 *   before a decomposed accent it dropped), so a highlight covers the whole character.
 * - Byte-level: a lone surrogate is encoded as U+FFFD but keeps its own one-unit span.
 * Whitespace-only text gives no tokens for WordPiece but whitespace tokens for byte-level BPE, as in Rust:
 * callers that refuse such text must check the text, not the token count.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ProbeLensError } from '../../errors';
import type { Family, Tokenizer } from '../types';
import { FAMILIES } from '../model/families';
import { JsonFields, type JsonObject } from './json-fields';
import { PipelineTokenizer } from './pipeline-tokenizer';
import { readTokenizerSpec, type TokenizerSpec } from './tokenizer-spec';
import { WordPieceTokenizer } from './wordpiece-tokenizer';

/** Which file each argument came from, for error messages. */
export interface TokenizerSources {
  tokenizer: string;
  config: string;
}

// transformers writes int(1e30) when a tokenizer has no limit of its own.
const NO_LIMIT = 1e15;

/**
 * A tokenizer from the parsed tokenizer.json and tokenizer_config.json (pass {} when there is none).
 * maxPositions caps maxLength at what the model's position embeddings allow (for RoBERTa that is
 * max_position_embeddings - 2, its positions start after the padding index).
 */
export function createTokenizer(
  tokenizerJson: unknown,
  tokenizerConfig: unknown,
  family: Family,
  maxPositions?: number,
  sources: TokenizerSources = { tokenizer: 'tokenizer.json', config: 'tokenizer_config.json' },
): Tokenizer {
  const fields = new JsonFields(sources.tokenizer);
  const configFields = new JsonFields(sources.config);
  const config = configFields.object(tokenizerConfig, 'the top level');
  const spec = readTokenizerSpec(tokenizerJson, fields);
  const expected = FAMILIES[family].tokenizers;
  if (!expected.includes(spec.kind)) {
    throw new ProbeLensError(
      `${sources.tokenizer}: holds a ${spec.kind} tokenizer, but the model family "${family}" uses ${expected.join(' or ')}. ` +
        'The folder mixes files of different models.',
      'bad-model',
    );
  }
  const maxLength = resolveMaxLength(config, configFields, sources, maxPositions);
  // readTokenizerSpec has checked that tokenizerJson is an object.
  const padId = resolvePadId(config, configFields, tokenizerJson as JsonObject, fields, spec);
  return spec.kind === 'wordpiece'
    ? new WordPieceTokenizer(family, maxLength, padId, spec)
    : new PipelineTokenizer(family, maxLength, padId, spec, sources.tokenizer);
}

/** Reads tokenizer.json and tokenizer_config.json (optional) from a model folder. */
export async function loadTokenizer(folder: string, family: Family, maxPositions?: number): Promise<Tokenizer> {
  const sources = {
    tokenizer: path.join(folder, 'tokenizer.json'),
    config: path.join(folder, 'tokenizer_config.json'),
  };
  const tokenizerJson = await readJson(sources.tokenizer, true);
  const tokenizerConfig = (await readJson(sources.config, false)) ?? {};
  return createTokenizer(tokenizerJson, tokenizerConfig, family, maxPositions, sources);
}

async function readJson(file: string, required: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ProbeLensError(
        `${file} does not exist. A model folder needs the tokenizer.json exported with the model.`,
        'model-not-found',
      );
    }
    throw new ProbeLensError(`${file} cannot be read: ${(error as Error).message}`, 'bad-model');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProbeLensError(
      `${file}${jsonErrorLine(text, error as Error)} is not valid JSON (${(error as Error).message}). ` +
        'The file is damaged or truncated; download it again.',
      'bad-model',
    );
  }
}

/** ":line:column" from V8's "at position N" message, when it gives one. */
function jsonErrorLine(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return '';
  const lines = text.slice(0, Number(position[1])).split('\n');
  return `:${lines.length}:${(lines.at(-1) as string).length + 1}`;
}

function resolveMaxLength(
  config: JsonObject,
  fields: JsonFields,
  sources: TokenizerSources,
  maxPositions: number | undefined,
): number {
  const limits: number[] = [];
  if (config.model_max_length !== undefined && config.model_max_length !== null) {
    const declared = config.model_max_length;
    if (typeof declared !== 'number' || !(declared > 0)) fields.fail('model_max_length', 'a positive number');
    if (declared < NO_LIMIT) limits.push(Math.floor(declared));
  }
  if (maxPositions !== undefined) limits.push(maxPositions);
  if (limits.length === 0) {
    throw new ProbeLensError(
      `${sources.config}: has no model_max_length and no position limit was given, so the longest input is unknown. ` +
        'Add "model_max_length" to the file.',
      'bad-model',
    );
  }
  return Math.min(...limits);
}

/** pad_token, else tokenizer.json's padding, else eos_token (GPT-2 has no pad token), else 0: masked anyway. */
function resolvePadId(
  config: JsonObject,
  configFields: JsonFields,
  tokenizerJson: JsonObject,
  fields: JsonFields,
  spec: TokenizerSpec,
): number {
  const pad = tokenId(config.pad_token, 'pad_token', configFields, spec);
  if (pad !== undefined) return pad;
  if (tokenizerJson.padding !== null && tokenizerJson.padding !== undefined) {
    return fields.integer(fields.object(tokenizerJson.padding, 'padding').pad_id, 'padding.pad_id');
  }
  return tokenId(config.eos_token, 'eos_token', configFields, spec) ?? 0;
}

function tokenId(value: unknown, key: string, fields: JsonFields, spec: TokenizerSpec): number | undefined {
  if (value === undefined || value === null) return undefined;
  // Older files write a token as { "content": "[PAD]", ... }.
  const token = fields.string(typeof value === 'object' ? (value as JsonObject).content : value, key);
  const id = spec.vocab.get(token);
  if (id === undefined) fields.fail(key, `a token of the vocabulary ("${token}" is not)`);
  return id;
}
