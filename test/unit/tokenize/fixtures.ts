/** Tokenizers and texts shared by the tokenizer tests: the two tiny models, variants built from them, datasets. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTokenizer } from '../../../src/core/encoders/tokenize';
import type { Family, Token, Tokenizer } from '../../../src/core/encoders/types';
import { DATA_DIR, TINY_BERT, TINY_GPT2, TINY_LLAMA } from '../../shared-path';

export type Json = Record<string, unknown>;

export function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
}

/** tokenizer.json and tokenizer_config.json of a model folder, as fresh objects (callers may change them). */
export function tokenizerFiles(folder: string): { json: Json; config: Json } {
  return { json: readJson(path.join(folder, 'tokenizer.json')), config: readJson(path.join(folder, 'tokenizer_config.json')) };
}

/** The uncased tiny BERT's tokenizer.json with other BertNormalizer flags (lowercase false = a cased model). */
export function bertVariantFiles(normalizer: { lowercase: boolean; strip_accents: boolean | null }): { json: Json; config: Json } {
  const files = tokenizerFiles(TINY_BERT);
  files.json.normalizer = { ...(files.json.normalizer as Json), ...normalizer };
  files.config.do_lower_case = normalizer.lowercase;
  files.config.strip_accents = normalizer.strip_accents;
  return files;
}

export const ROBERTA_SPECIALS = { bos: 50257, eos: 50258, pad: 50259, mask: 50260 };

/**
 * A RoBERTa tokenizer built from GPT-2's (the same byte-level BPE family): <s> </s> <pad> <mask> added as in
 * roberta-base (<mask> swallows the space before it) and RobertaProcessing, which trims spaces from offsets.
 */
export function robertaFiles(): { json: Json; config: Json } {
  const files = tokenizerFiles(TINY_GPT2);
  const added = (id: number, content: string, lstrip = false): Json => ({
    id,
    content,
    single_word: false,
    lstrip,
    rstrip: false,
    normalized: false,
    special: true,
  });
  files.json.added_tokens = [
    ...(files.json.added_tokens as Json[]),
    added(ROBERTA_SPECIALS.bos, '<s>'),
    added(ROBERTA_SPECIALS.eos, '</s>'),
    added(ROBERTA_SPECIALS.pad, '<pad>'),
    added(ROBERTA_SPECIALS.mask, '<mask>', true),
  ];
  files.json.post_processor = {
    type: 'RobertaProcessing',
    sep: ['</s>', ROBERTA_SPECIALS.eos],
    cls: ['<s>', ROBERTA_SPECIALS.bos],
    trim_offsets: true,
    add_prefix_space: false,
  };
  files.config = {
    ...files.config,
    tokenizer_class: 'RobertaTokenizer',
    bos_token: '<s>',
    eos_token: '</s>',
    pad_token: '<pad>',
    mask_token: '<mask>',
    model_max_length: 512,
  };
  return files;
}

export function build(files: { json: Json; config: Json }, family: Family, maxPositions?: number): Tokenizer {
  return createTokenizer(files.json, files.config, family, maxPositions);
}

export const bertUncased = (): Tokenizer => build(tokenizerFiles(TINY_BERT), 'bert', 512);
export const bertCased = (): Tokenizer => build(bertVariantFiles({ lowercase: false, strip_accents: null }), 'bert', 512);
export const gpt2 = (): Tokenizer => build(tokenizerFiles(TINY_GPT2), 'gpt2', 512);
export const roberta = (): Tokenizer => build(robertaFiles(), 'roberta', 512);

export function encodeIds(tokenizer: Tokenizer, text: string): number[] {
  return tokenizer.withSpecials(tokenizer.tokenize(text), text.length).map((token) => token.id);
}

export const texts = (tokens: Token[]): string[] => tokens.map((token) => token.text);
export const spans = (tokens: Token[]): Array<[number, number]> => tokens.map((token) => [token.start, token.end]);

/** SST-2 dev sentences. */
export function sst2Dev(): string[] {
  const lines = fs.readFileSync(path.join(DATA_DIR, 'sst2', 'dev.tsv'), 'utf8').split('\n').slice(1);
  return lines.filter((line) => line.trim()).map((line) => line.split('\t')[0]);
}

/** The first `count` sentences of CoNLL-2003 eng.testa, words joined by spaces. */
export function conllSentences(count: number): string[] {
  const sentences: string[] = [];
  let words: string[] = [];
  for (const line of fs.readFileSync(path.join(DATA_DIR, 'conll2003', 'eng.testa'), 'utf8').split('\n')) {
    const word = line.split(' ')[0];
    if (word && word !== '-DOCSTART-') words.push(word);
    if (!line.trim() && words.length > 0) {
      sentences.push(words.join(' '));
      words = [];
    }
    if (sentences.length === count) break;
  }
  return sentences;
}

/** The first `count` IMDB test reviews. */
export function imdbReviews(count: number): string[] {
  const lines = fs.readFileSync(path.join(DATA_DIR, 'imdb', 'test-1k.jsonl'), 'utf8').split('\n');
  return lines
    .filter((line) => line.trim())
    .slice(0, count)
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

/** Llama 2's SentencePiece BPE as shipped (legacy): Prepend ▁ and Replace spaces in the normalizer, byte fallback. */
export const llama2 = (): Tokenizer => build(tokenizerFiles(TINY_LLAMA), 'llama', 8192);

/** The same vocabulary as non-legacy Llama 2 and Mistral write it: no normalizer, a Metaspace pre-tokenizer. */
export function metaspaceFiles(): { json: Json; config: Json } {
  const files = tokenizerFiles(TINY_LLAMA);
  files.json.normalizer = null;
  files.json.pre_tokenizer = { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'first', split: false };
  return files;
}

/** Gemma's way: spaces replaced by ▁ and no prefix at all. */
export function replaceOnlyFiles(): { json: Json; config: Json } {
  const files = tokenizerFiles(TINY_LLAMA);
  files.json.normalizer = { type: 'Replace', pattern: { String: ' ' }, content: '\u2581' };
  return files;
}

const LLAMA3_SPLIT =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const QWEN2_SPLIT =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

function splitThenBytes(regex: string): Json {
  return {
    type: 'Sequence',
    pretokenizers: [
      { type: 'Split', pattern: { Regex: regex }, behavior: 'Isolated', invert: false },
      { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
    ],
  };
}

const addedSpecial = (id: number, content: string): Json => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });

/** GPT-2's vocabulary with Llama 3's pipeline: the Split pattern, ignore_merges, <|begin_of_text|> first. */
export function llama3Files(): { json: Json; config: Json } {
  const files = tokenizerFiles(TINY_GPT2);
  files.json.pre_tokenizer = splitThenBytes(LLAMA3_SPLIT);
  files.json.model = { ...(files.json.model as Json), ignore_merges: true };
  files.json.added_tokens = [...(files.json.added_tokens as Json[]), addedSpecial(50257, '<|begin_of_text|>')];
  files.json.post_processor = {
    type: 'Sequence',
    processors: [
      { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
      {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '<|begin_of_text|>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
        pair: [],
        special_tokens: { '<|begin_of_text|>': { id: '<|begin_of_text|>', ids: [50257], tokens: ['<|begin_of_text|>'] } },
      },
    ],
  };
  files.config = { ...files.config, bos_token: '<|begin_of_text|>', model_max_length: 131072 };
  return files;
}

/** GPT-2's vocabulary with Qwen2's pipeline: NFC, its Split pattern, no special tokens around the text. */
export function qwen2Files(): { json: Json; config: Json } {
  const files = tokenizerFiles(TINY_GPT2);
  files.json.normalizer = { type: 'NFC' };
  files.json.pre_tokenizer = splitThenBytes(QWEN2_SPLIT);
  files.json.post_processor = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false };
  return files;
}

/** GPT-2's vocabulary with ModernBERT's pipeline: byte-level BPE between [CLS] and [SEP]. */
export function modernbertFiles(): { json: Json; config: Json } {
  const files = tokenizerFiles(TINY_GPT2);
  files.json.pre_tokenizer = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  files.json.added_tokens = [
    ...(files.json.added_tokens as Json[]),
    addedSpecial(50257, '[CLS]'),
    addedSpecial(50258, '[SEP]'),
    addedSpecial(50259, '[PAD]'),
    { ...addedSpecial(50260, '[MASK]'), lstrip: true },
  ];
  files.json.post_processor = {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
    pair: [],
    special_tokens: { '[CLS]': { id: '[CLS]', ids: [50257], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [50258], tokens: ['[SEP]'] } },
  };
  files.config = { ...files.config, pad_token: '[PAD]', cls_token: '[CLS]', sep_token: '[SEP]', model_max_length: 8192 };
  return files;
}

/**
 * A small Unigram tokenizer written for these tests (unigram-tokenizer.json: 521 pieces, XLM-R's pipeline of
 * Precompiled and Replace normalizers, WhitespaceSplit and Metaspace), since no real one is available here.
 */
export function unigramFiles(): { json: Json; config: Json } {
  return {
    json: readJson(path.join(__dirname, 'unigram-tokenizer.json')),
    config: { model_max_length: 512, bos_token: '<s>', eos_token: '</s>', pad_token: '<pad>', unk_token: '<unk>' },
  };
}

export const llama3 = (): Tokenizer => build(llama3Files(), 'llama', 131072);
export const qwen2 = (): Tokenizer => build(qwen2Files(), 'qwen2', 32768);
export const modernbert = (): Tokenizer => build(modernbertFiles(), 'modernbert', 8192);
export const unigram = (): Tokenizer => build(unigramFiles(), 'xlm-roberta', 512);
