/**
 * Realistic CompareResults for the panel's UI tests, built without the host: the tokens (and their UTF-16
 * offsets) come from the real tokenizers of the two tiny models in ../shared, the words from the NER word
 * splitter, and the numbers (probabilities, token weights, α) from a seeded PRNG with the shapes the heads
 * give (softmax over labels, tokens and layers).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTokenizer } from '../../src/core/encoders/tokenize';
import type { Family, Token } from '../../src/core/encoders/types';
import { FUSION_STRATEGIES } from '../../src/core/heads/registry';
import { POOLING_STRATEGIES } from '../../src/core/heads/registry';
import { splitWords } from '../../src/core/ner';
import { Random } from '../../src/core/random';
import type { CompareResult, EncoderResult, EntitySpan, MissingTask, NerResult, SentimentResult, WordTag } from '../../src/core/result';
import { REPO_ROOT } from '../harness/repo-root';

export const SHARED_DIR = process.env.PROBE_LENS_SHARED ?? path.resolve(REPO_ROOT, '..', 'shared');
export const ENCODER_FOLDERS: { folder: string; family: Family }[] = [
  { folder: path.join(SHARED_DIR, 'models', 'tiny-bert-uncased'), family: 'bert' },
  { folder: path.join(SHARED_DIR, 'models', 'tiny-gpt2'), family: 'gpt2' },
];
const SENTIMENT_LABELS = ['negative', 'positive'];

/** An entity some strategies find: where it is, its type, and which strategies find it (all when omitted). */
export interface FixtureEntity {
  start: number;
  end: number;
  type: string;
  foundBy?: readonly string[];
}

export interface FixtureOptions {
  text: string;
  entities: readonly FixtureEntity[];
  seed: number;
  notices?: string[];
  /** Tasks with no probe, per encoder index. */
  missing?: { encoder: number; task: MissingTask['task'] }[];
}

/** The span of the first occurrence of `surface` in `text` (for writing fixtures by their words). */
export function entityAt(text: string, surface: string, type: string, foundBy?: readonly string[]): FixtureEntity {
  const start = text.indexOf(surface);
  if (start < 0) throw new Error(`fixture: "${surface}" is not in the text`);
  return { start, end: start + surface.length, type, foundBy };
}

export async function buildCompareResult(options: FixtureOptions): Promise<CompareResult> {
  const random = new Random(options.seed);
  const encoders: EncoderResult[] = [];
  for (const [index, { folder, family }] of ENCODER_FOLDERS.entries()) {
    const config = JSON.parse(fs.readFileSync(path.join(folder, 'config.json'), 'utf8')) as Record<string, number>;
    const layers = config.num_hidden_layers ?? config.n_layer;
    const tokenizer = await loadTokenizer(folder, family);
    const tokens = tokenizer.withSpecials(tokenizer.tokenize(options.text), options.text.length);
    const missing = (options.missing ?? [])
      .filter((entry) => entry.encoder === index)
      .map(({ task }): MissingTask => ({ task, reason: `No ${task} probe has been trained for ${path.basename(folder)}. Run Probe Lens: Train Probes.` }));
    const skip = (task: MissingTask['task']) => missing.some((entry) => entry.task === task);
    encoders.push({
      encoder: { name: folder, family, layers, hiddenSize: config.hidden_size ?? config.n_embd, dtype: 'q8' },
      tokens,
      sentiment: skip('sentiment') ? [] : POOLING_STRATEGIES.map((strategy) => sentiment(strategy, tokens, random)),
      ner: skip('ner') ? [] : FUSION_STRATEGIES.map((strategy) => ner(strategy, options, layers, random)),
      missing,
      timings: { loadMs: index === 0 ? 812.4 : 0, encodeMs: 23.1 + index * 9, headsMs: 4.6 + index },
    });
  }
  return { text: options.text, encoders, notices: options.notices ?? [] };
}

function softmax(logits: number[]): number[] {
  const top = Math.max(...logits);
  const exps = logits.map((value) => Math.exp(value - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}

function sentiment(strategy: string, tokens: Token[], random: Random): SentimentResult {
  const probabilities = softmax(SENTIMENT_LABELS.map(() => random.normal() * 1.5));
  const sorted = [...probabilities].sort((a, b) => b - a);
  const result: SentimentResult = {
    strategy,
    label: SENTIMENT_LABELS[probabilities.indexOf(sorted[0])],
    probabilities: SENTIMENT_LABELS.map((label, i) => ({ label, probability: probabilities[i] })),
    margin: sorted[0] - sorted[1],
  };
  if (strategy === 'weighted') result.tokenWeights = softmax(tokens.map(() => random.normal() * 1.2));
  return result;
}

function ner(strategy: string, options: FixtureOptions, layers: number, random: Random): NerResult {
  const { text } = options;
  const found = options.entities.filter((entity) => !entity.foundBy || entity.foundBy.includes(strategy));
  const spans: EntitySpan[] = found.map((entity) => ({
    start: entity.start,
    end: entity.end,
    type: entity.type,
    text: text.slice(entity.start, entity.end),
    confidence: 0.55 + random.next() * 0.44,
  }));
  const words: WordTag[] = splitWords(text).map((word) => {
    const entity = found.find((candidate) => word.start >= candidate.start && word.end <= candidate.end);
    const tag = entity ? `${word.start === entity.start ? 'B' : 'I'}-${entity.type}` : 'O';
    return { start: word.start, end: word.end, tag, confidence: 0.5 + random.next() * 0.5 };
  });
  const result: NerResult = { strategy, spans, words };
  if (strategy === 'scalarmix') {
    result.layerWeights = { kind: 'global', weights: softmax(Array.from({ length: layers + 1 }, (_, i) => i * 0.25 + random.normal() * 0.4)), gamma: 0.8 + random.next() * 0.4 };
  } else if (strategy === 'dwatt') {
    // Later layers weigh more on average, as trained DWAtt heads tend to show; each word differs.
    const rows = words.map(() => softmax(Array.from({ length: layers + 1 }, (_, i) => i * 0.35 + random.normal() * 0.9)));
    result.layerWeights = { kind: 'per-word', layers: layers + 1, rows };
  }
  return result;
}

/** A long text (IMDB test reviews) cut at the end of BERT's 510th content token, the most one window holds. */
export async function longText(tokenLimit = 510): Promise<string> {
  const lines = fs.readFileSync(path.join(SHARED_DIR, 'data', 'imdb', 'test-1k.jsonl'), 'utf8').split('\n');
  const tokenizer = await loadTokenizer(ENCODER_FOLDERS[0].folder, 'bert');
  let text = '';
  for (const line of lines) {
    text += `${(JSON.parse(line) as { text: string }).text.replace(/<br \/>/g, ' ')}\n`;
    const tokens = tokenizer.tokenize(text);
    if (tokens.length >= tokenLimit) return text.slice(0, tokens[tokenLimit - 1].end);
  }
  throw new Error('fixture: the IMDB reviews hold fewer tokens than asked');
}

/** Every capitalised word of a long text as an entity, each strategy missing a different few. */
export function capitalisedEntities(text: string): FixtureEntity[] {
  const types = ['PER', 'ORG', 'LOC', 'MISC'];
  return splitWords(text)
    .filter((word) => /^\p{Lu}\p{Ll}+$/u.test(text.slice(word.start, word.end)))
    .map((word, i) => ({ ...word, type: types[i % types.length], foundBy: FUSION_STRATEGIES.filter((_, s) => (i + s) % 5 !== 0) }));
}
