import * as path from 'node:path';

/** The read-only shared folder beside the checkout (models, data); CI has it there too. */
export const SHARED_DIR = process.env.PROBE_LENS_SHARED ?? path.resolve(__dirname, '..', '..', 'shared');
export const TINY_BERT = path.join(SHARED_DIR, 'models', 'tiny-bert-uncased');
export const TINY_GPT2 = path.join(SHARED_DIR, 'models', 'tiny-gpt2');
export const DATA_DIR = path.join(SHARED_DIR, 'data');
export const FIXTURES_DIR = path.join(SHARED_DIR, 'models', 'fixtures');
export const TINY_LLAMA = path.join(FIXTURES_DIR, 'tiny-random-llama');
export const TINY_LLAMA_GENAI = path.join(FIXTURES_DIR, 'tiny-random-llama-genai-fp16');
