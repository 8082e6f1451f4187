import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ProbeLensError } from '../../errors';
import type { Family } from '../types';
import { FAMILIES, isFamily, SUPPORTED_FAMILIES } from './families';

/** What Probe Lens needs from a Hugging Face config.json (or an onnxruntime-genai genai_config.json). */
export interface ModelConfig {
  family: Family;
  /** Transformer blocks L. */
  layers: number;
  hiddenSize: number;
  /** Longest sequence the model takes, special tokens included (its context length, for decoders). */
  maxPositions: number;
  /** Decoders: the shape of one layer's key/value cache per sequence position, for feeding an empty past. */
  cache?: { kvHeads: number; headDim: number };
}


type Json = Record<string, unknown>;

function positiveInt(config: Json, keys: string[], file: string): number {
  const value = optionalInt(config, keys);
  if (value === undefined) throw new ProbeLensError(`${file} has no positive integer ${keys.join(' or ')}.`, 'bad-model');
  return value;
}

function optionalInt(config: Json, keys: string[]): number | undefined {
  for (const key of keys) {
    const value = config[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return undefined;
}

function unsupported(file: string, modelType: unknown): ProbeLensError {
  const what = typeof modelType === 'string' ? `model_type "${modelType}"` : 'no model_type';
  return new ProbeLensError(
    `${file} has ${what}; Probe Lens can tap ${SUPPORTED_FAMILIES.join(', ')} models. Pick a model of one of these families.`,
    'unsupported-family',
  );
}

export function parseConfig(config: Json, file: string): ModelConfig {
  const family = config.model_type;
  if (!isFamily(family)) throw unsupported(file, family);
  const { keys, causal, positionsAfterPadding } = FAMILIES[family];
  const hiddenSize = positiveInt(config, keys.hidden, file);
  let maxPositions = positiveInt(config, keys.positions, file);
  if (positionsAfterPadding) {
    const padId = typeof config.pad_token_id === 'number' ? config.pad_token_id : 1;
    maxPositions -= padId + 1;
  }
  const parsed: ModelConfig = { family, layers: positiveInt(config, keys.layers, file), hiddenSize, maxPositions };
  if (causal && family !== 'gpt2') {
    const heads = positiveInt(config, ['num_attention_heads'], file);
    parsed.cache = {
      kvHeads: optionalInt(config, ['num_key_value_heads']) ?? heads,
      headDim: optionalInt(config, ['head_dim']) ?? Math.floor(hiddenSize / heads),
    };
  }
  return parsed;
}

/**
 * onnxruntime-genai's model builder writes genai_config.json ({model: {type, context_length, decoder: {...}}})
 * and no config.json.
 */
export function parseGenaiConfig(json: Json, file: string): ModelConfig {
  const model = (json.model ?? {}) as Json;
  const decoder = (model.decoder ?? {}) as Json;
  const family = model.type;
  if (!isFamily(family) || !FAMILIES[family].causal) throw unsupported(file, family);
  const at = (what: string) => `${file} (model.decoder.${what})`;
  const hiddenSize = positiveInt(decoder, ['hidden_size'], at('hidden_size'));
  const heads = positiveInt(decoder, ['num_attention_heads'], at('num_attention_heads'));
  return {
    family,
    layers: positiveInt(decoder, ['num_hidden_layers'], at('num_hidden_layers')),
    hiddenSize,
    maxPositions: positiveInt(model, ['context_length'], `${file} (model.context_length)`),
    cache: {
      kvHeads: optionalInt(decoder, ['num_key_value_heads']) ?? heads,
      headDim: optionalInt(decoder, ['head_size']) ?? Math.floor(hiddenSize / heads),
    },
  };
}

async function readJsonObject(file: string): Promise<Json | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new ProbeLensError(`${file} is not valid JSON: ${(error as Error).message}`, 'bad-model');
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ProbeLensError(`${file} does not hold a JSON object.`, 'bad-model');
  }
  return config as Json;
}

/** Reads folder/config.json, or folder/genai_config.json for an onnxruntime-genai export without one. */
export async function readModelConfig(folder: string): Promise<ModelConfig> {
  const file = path.join(folder, 'config.json');
  const config = await readJsonObject(file);
  if (config) return parseConfig(config, file);
  const genaiFile = path.join(folder, 'genai_config.json');
  const genai = await readJsonObject(genaiFile);
  if (genai) return parseGenaiConfig(genai, genaiFile);
  throw new ProbeLensError(
    `No config.json in ${folder}. A model folder in the Hugging Face layout holds config.json, tokenizer.json ` +
      'and onnx/model.onnx (an onnxruntime-genai export: genai_config.json, tokenizer.json and model.onnx).',
    'model-not-found',
  );
}
