import type { AddedToken } from './added-tokens';
import type { BertNormalizerOptions } from './bert-normalizer';
import type { UnknownCharacters } from './bpe';
import { BYTE_TO_CHAR } from './byte-level';
import type { JsonFields, JsonObject } from './json-fields';
import { readNormalizer, type Normalizer } from './normalizers';
import { readPostProcessor, type PostProcessing } from './post-processor';
import { readPreTokenizer, type PreTokenizer } from './pre-tokenizers';

interface CommonSpec {
  /** Model vocabulary plus added tokens. */
  vocab: Map<string, number>;
  addedTokens: AddedToken[];
  postProcessing: PostProcessing;
}

/** BERT-style: BertNormalizer (or none), BertPreTokenizer, WordPiece. */
export interface WordPieceSpec extends CommonSpec {
  kind: 'wordpiece';
  normalizer: BertNormalizerOptions | null;
  unkToken: string;
  continuingPrefix: string;
  maxInputCharsPerWord: number;
}

/** BPE and Unigram tokenizers: normalizer, pre-tokenizer, model (PipelineTokenizer). */
export interface PipelineSpec extends CommonSpec {
  kind: 'byte-level-bpe' | 'sentencepiece-bpe' | 'unigram';
  normalizer: Normalizer | null;
  preTokenizer: PreTokenizer | null;
  /** Words become UTF-8 byte characters before the model (a ByteLevel pre-tokenizer). */
  byteLevel: boolean;
  model:
    | { type: 'BPE'; merges: Array<[string, string]>; unknown: UnknownCharacters }
    | { type: 'Unigram'; pieces: Array<[string, number]>; unkId: number; byteFallback: boolean };
}

export type TokenizerSpec = WordPieceSpec | PipelineSpec;

const SUPPORTED = 'WordPiece (BERT), BPE (byte-level or SentencePiece with byte fallback) and Unigram tokenizers';

/**
 * What we need from tokenizer.json, read as the Rust library reads it (tokenizer_config.json's add_prefix_space,
 * which only the Python wrappers apply, is ignored, as transformers.js does too).
 */
export function readTokenizerSpec(value: unknown, fields: JsonFields): TokenizerSpec {
  const json = fields.object(value, 'the top level');
  const model = fields.object(json.model, 'model');
  const type = modelType(model, fields);
  const vocab = type === 'Unigram' ? unigramVocab(model, fields) : fields.vocab(model.vocab, 'model.vocab');
  const addedTokens = fields.array(json.added_tokens ?? [], 'added_tokens').map((entry, i) => {
    const token = readAddedToken(entry, `added_tokens[${i}]`, fields);
    if (!vocab.has(token.content)) vocab.set(token.content, token.id);
    return token;
  });
  const common = { vocab, addedTokens, postProcessing: readPostProcessor(json.post_processor, fields) };

  if (type === 'WordPiece') {
    expectPreTokenizer(json.pre_tokenizer, 'BertPreTokenizer', fields);
    const unkToken = fields.string(model.unk_token ?? '[UNK]', 'model.unk_token');
    if (!vocab.has(unkToken)) fields.fail('model.unk_token', `a token of model.vocab ("${unkToken}" is not)`);
    return {
      kind: 'wordpiece',
      ...common,
      normalizer: readBertNormalizer(json.normalizer, fields),
      unkToken,
      continuingPrefix: fields.string(model.continuing_subword_prefix ?? '##', 'model.continuing_subword_prefix'),
      maxInputCharsPerWord: fields.integer(model.max_input_chars_per_word ?? 100, 'model.max_input_chars_per_word'),
    };
  }

  const normalizer = readNormalizer(json.normalizer, fields);
  const { preTokenizer, byteLevel } = readPreTokenizer(json.pre_tokenizer, fields);
  const pipeline = { ...common, normalizer, preTokenizer, byteLevel };
  if (type === 'Unigram') {
    const unkId = fields.integer(model.unk_id ?? 0, 'model.unk_id');
    const pieces = fields.array(model.vocab, 'model.vocab').map((entry, i) => readPiece(entry, `model.vocab[${i}]`, fields));
    if (unkId >= pieces.length) fields.fail('model.unk_id', `the index of a piece of model.vocab (there are ${pieces.length})`);
    const byteFallback = fields.flag(model.byte_fallback, 'model.byte_fallback', false);
    return { kind: 'unigram', ...pipeline, model: { type: 'Unigram', pieces, unkId, byteFallback } };
  }

  for (const affix of ['continuing_subword_prefix', 'end_of_word_suffix']) {
    if (typeof model[affix] === 'string' && model[affix] !== '') fields.unsupported(`model.${affix}`, model[affix], SUPPORTED);
  }
  const byteFallback = fields.flag(model.byte_fallback, 'model.byte_fallback', false);
  const unkToken = model.unk_token === null || model.unk_token === undefined ? undefined : fields.string(model.unk_token, 'model.unk_token');
  const unkId = unkToken === undefined ? undefined : vocab.get(unkToken);
  if (unkToken !== undefined && unkId === undefined) fields.fail('model.unk_token', `a token of model.vocab ("${unkToken}" is not)`);
  if (byteLevel) {
    const missingByte = BYTE_TO_CHAR.findIndex((char) => !vocab.has(char));
    if (missingByte >= 0) fields.fail('model.vocab', `a byte-level vocabulary (it lacks the token for byte ${missingByte})`);
  } else if (!byteFallback && unkId === undefined) {
    fields.fail('model', 'a BPE model with byte_fallback or an unk_token (characters outside the vocabulary have no token)');
  }
  const unknown: UnknownCharacters = {
    byteFallback: !byteLevel && byteFallback,
    ...(unkId === undefined ? {} : { unkId }),
    fuseUnk: fields.flag(model.fuse_unk, 'model.fuse_unk', false),
    ignoreMerges: fields.flag(model.ignore_merges, 'model.ignore_merges', false),
  };
  const merges = fields.array(model.merges, 'model.merges').map((merge, i) => readMerge(merge, `model.merges[${i}]`, fields));
  return { kind: byteLevel ? 'byte-level-bpe' : 'sentencepiece-bpe', ...pipeline, model: { type: 'BPE', merges, unknown } };
}

/** Unigram's model.vocab: [piece, score] pairs, the id being the index. */
function unigramVocab(model: JsonObject, fields: JsonFields): Map<string, number> {
  const vocab = new Map<string, number>();
  fields.array(model.vocab, 'model.vocab').forEach((entry, id) => {
    const piece = fields.string(fields.array(entry, `model.vocab[${id}]`)[0], `model.vocab[${id}][0]`);
    if (!vocab.has(piece)) vocab.set(piece, id);
  });
  if (vocab.size === 0) fields.fail('model.vocab', 'a non-empty list of [piece, score] pairs');
  return vocab;
}

function readPiece(value: unknown, field: string, fields: JsonFields): [string, number] {
  const pair = fields.array(value, field);
  const score = pair[1];
  if (typeof score !== 'number' || !Number.isFinite(score)) fields.fail(`${field}[1]`, 'a finite number (the piece score)');
  return [fields.string(pair[0], `${field}[0]`), score];
}

/** Recent files leave out model.type; the fields tell the models apart. */
function modelType(model: JsonObject, fields: JsonFields): 'WordPiece' | 'BPE' | 'Unigram' {
  const type = model.type ?? ('merges' in model ? 'BPE' : Array.isArray(model.vocab) ? 'Unigram' : 'WordPiece');
  if (type === 'WordPiece' || type === 'BPE' || type === 'Unigram') return type;
  return fields.unsupported('model.type', String(type), SUPPORTED);
}

function expectPreTokenizer(value: unknown, expected: string, fields: JsonFields): JsonObject {
  const preTokenizer = fields.object(value, 'pre_tokenizer');
  const type = fields.string(preTokenizer.type, 'pre_tokenizer.type');
  if (type !== expected) fields.unsupported('pre_tokenizer.type', type, `${SUPPORTED}; this model needs ${expected}`);
  return preTokenizer;
}

function readBertNormalizer(value: unknown, fields: JsonFields): BertNormalizerOptions | null {
  if (value === null || value === undefined) return null;
  const config = fields.object(value, 'normalizer');
  const type = fields.string(config.type, 'normalizer.type');
  if (type !== 'BertNormalizer') fields.unsupported('normalizer.type', type, SUPPORTED);
  const lowercase = fields.flag(config.lowercase, 'normalizer.lowercase', true);
  return {
    cleanText: fields.flag(config.clean_text, 'normalizer.clean_text', true),
    handleChineseChars: fields.flag(config.handle_chinese_chars, 'normalizer.handle_chinese_chars', true),
    // null means "do what lowercase does": uncased models strip accents, cased ones keep them.
    stripAccents: fields.flag(config.strip_accents, 'normalizer.strip_accents', lowercase),
    lowercase,
  };
}

function readAddedToken(value: unknown, field: string, fields: JsonFields): AddedToken {
  const entry = fields.object(value, field);
  return {
    id: fields.integer(entry.id, `${field}.id`),
    content: fields.string(entry.content, `${field}.content`),
    lstrip: fields.flag(entry.lstrip, `${field}.lstrip`, false),
    rstrip: fields.flag(entry.rstrip, `${field}.rstrip`, false),
    singleWord: fields.flag(entry.single_word, `${field}.single_word`, false),
  };
}

/** "Ġ t" (older files) or ["Ġ", "t"]. */
function readMerge(value: unknown, field: string, fields: JsonFields): [string, string] {
  const parts = typeof value === 'string' ? value.split(' ') : fields.array(value, field);
  if (parts.length !== 2) fields.fail(field, 'two tokens');
  return [fields.string(parts[0], `${field}[0]`), fields.string(parts[1], `${field}[1]`)];
}
