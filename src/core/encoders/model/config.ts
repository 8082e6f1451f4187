import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ProbeLensError } from '../../errors';
import type { Family } from '../types';

/** What Probe Lens needs from a Hugging Face config.json. */
export interface ModelConfig {
  family: Family;
  /** Transformer blocks L. */
  layers: number;
  hiddenSize: number;
  /** Longest sequence the position embeddings allow, special tokens included. */
  maxPositions: number;
}

export const SUPPORTED_FAMILIES: readonly Family[] = ['bert', 'distilbert', 'roberta', 'gpt2'];

type Json = Record<string, unknown>;

function positiveInt(config: Json, keys: string[], file: string): number {
  for (const key of keys) {
    const value = config[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  throw new ProbeLensError(`${file} has no positive integer ${keys.join(' or ')}.`, 'bad-model');
}

function parseConfig(config: Json, file: string): ModelConfig {
  const modelType = config.model_type;
  if (typeof modelType !== 'string' || !SUPPORTED_FAMILIES.includes(modelType as Family)) {
    const what = typeof modelType === 'string' ? `model_type "${modelType}"` : 'no model_type';
    throw new ProbeLensError(
      `${file} has ${what}; Probe Lens can tap ${SUPPORTED_FAMILIES.join(', ')} models. ` +
        'Pick a model of one of these families.',
      'unsupported-family',
    );
  }
  const family = modelType as Family;
  switch (family) {
    case 'gpt2':
      return {
        family,
        layers: positiveInt(config, ['n_layer', 'num_hidden_layers'], file),
        hiddenSize: positiveInt(config, ['n_embd', 'hidden_size'], file),
        maxPositions: positiveInt(config, ['n_positions', 'n_ctx', 'max_position_embeddings'], file),
      };
    case 'distilbert':
      return {
        family,
        layers: positiveInt(config, ['n_layers', 'num_hidden_layers'], file),
        hiddenSize: positiveInt(config, ['dim', 'hidden_size'], file),
        maxPositions: positiveInt(config, ['max_position_embeddings'], file),
      };
    case 'roberta': {
      // RoBERTa numbers positions from padding_idx + 1, so pad_token_id + 1 rows of the table are unusable.
      const table = positiveInt(config, ['max_position_embeddings'], file);
      const padId = typeof config.pad_token_id === 'number' ? config.pad_token_id : 1;
      return {
        family,
        layers: positiveInt(config, ['num_hidden_layers'], file),
        hiddenSize: positiveInt(config, ['hidden_size'], file),
        maxPositions: table - padId - 1,
      };
    }
    case 'bert':
      return {
        family,
        layers: positiveInt(config, ['num_hidden_layers'], file),
        hiddenSize: positiveInt(config, ['hidden_size'], file),
        maxPositions: positiveInt(config, ['max_position_embeddings'], file),
      };
  }
}

/** Reads folder/config.json. */
export async function readModelConfig(folder: string): Promise<ModelConfig> {
  const file = path.join(folder, 'config.json');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new ProbeLensError(
      `No config.json in ${folder}. A model folder in the Hugging Face layout holds config.json, tokenizer.json ` +
        'and onnx/model.onnx.',
      'model-not-found',
    );
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
  return parseConfig(config as Json, file);
}
