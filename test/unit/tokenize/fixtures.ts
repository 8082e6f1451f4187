/** Tokenizers and texts shared by the tokenizer tests: the two tiny models, variants built from them, datasets. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTokenizer } from '../../../src/core/encoders/tokenize';
import type { Family, Token, Tokenizer } from '../../../src/core/encoders/types';
import { DATA_DIR, TINY_BERT, TINY_GPT2 } from '../../shared-path';

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
