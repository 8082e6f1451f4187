import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readDataset } from '../src/core/data';
import type { NerDataset, SentimentDataset } from '../src/core/data';
import type { Tokenizer } from '../src/core/encoders/types';
import { DATA_DIR } from '../test/shared-path';

export const SST2_TRAIN = path.join(DATA_DIR, 'sst2', 'train.tsv');
export const SST2_DEV = path.join(DATA_DIR, 'sst2', 'dev.tsv');
export const CONLL_TRAIN = path.join(DATA_DIR, 'conll2003', 'eng.train');
export const CONLL_DEV = path.join(DATA_DIR, 'conll2003', 'eng.testa');
const IMDB = path.join(DATA_DIR, 'imdb', 'test-1k.jsonl');

export function sst2(limit: number): Promise<SentimentDataset> {
  return readDataset(SST2_TRAIN, 'sentiment', { limit });
}

export function conll(limit: number, file = CONLL_TRAIN): Promise<NerDataset> {
  return readDataset(file, 'ner', { limit });
}

/** IMDB reviews joined into one long English text. */
export function imdbText(): string {
  return readFileSync(IMDB, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text)
    .join(' ');
}

/**
 * The longest prefix of `source` starting at char `from` that the tokenizer turns into exactly `tokens`
 * tokens, special tokens included; throws when the source is too short or the cut changes the tokenization.
 */
export function textOfTokens(tokenizer: Tokenizer, source: string, tokens: number, from = 0): string {
  const content = tokens - tokenizer.specialCount;
  const rest = source.slice(from);
  const all = tokenizer.tokenize(rest.slice(0, content * 20));
  if (all.length < content) throw new Error(`the source text has fewer than ${content} tokens after char ${from}`);
  const text = rest.slice(0, all[content - 1].end);
  const count = tokenizer.tokenize(text).length;
  if (count !== content) throw new Error(`cutting the text after ${content} tokens re-tokenizes into ${count}`);
  return text;
}

/** `count` different texts of exactly `tokens` tokens each, from consecutive parts of `source`. */
export function distinctTexts(tokenizer: Tokenizer, source: string, tokens: number, count: number): string[] {
  const texts: string[] = [];
  let from = 0;
  for (let i = 0; i < count; i++) {
    const text = textOfTokens(tokenizer, source, tokens, from);
    texts.push(text);
    from += text.length + 1;
  }
  return texts;
}

/** Token ids of a text with its special tokens, as the encoder feeds them. */
export function tokenIds(tokenizer: Tokenizer, text: string): number[] {
  return tokenizer.withSpecials(tokenizer.tokenize(text), text.length).map((t) => t.id);
}
