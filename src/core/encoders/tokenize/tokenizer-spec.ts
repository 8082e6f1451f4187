import type { AddedToken } from './added-tokens';
import type { BertNormalizerOptions } from './bert-normalizer';
import { BYTE_TO_CHAR } from './byte-level';
import type { JsonFields, JsonObject } from './json-fields';
import { readPostProcessor, type PostProcessing } from './post-processor';

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

/** GPT-2-style: no normalizer, ByteLevel pre-tokenizer, BPE. */
export interface ByteLevelBpeSpec extends CommonSpec {
  kind: 'byte-level-bpe';
  merges: Array<[string, string]>;
  addPrefixSpace: boolean;
  useRegex: boolean;
}

export type TokenizerSpec = WordPieceSpec | ByteLevelBpeSpec;

const SUPPORTED = 'BERT WordPiece tokenizers (BertNormalizer, BertPreTokenizer) and byte-level BPE ones (GPT-2, RoBERTa)';

/**
 * What we need from tokenizer.json, read as the Rust library reads it (tokenizer_config.json's add_prefix_space,
 * which only the Python wrappers apply, is ignored, as transformers.js does too).
 */
export function readTokenizerSpec(value: unknown, fields: JsonFields): TokenizerSpec {
  const json = fields.object(value, 'the top level');
  const model = fields.object(json.model, 'model');
  const kind = modelKind(model, fields);
  const vocab = fields.vocab(model.vocab, 'model.vocab');
  const addedTokens = fields.array(json.added_tokens ?? [], 'added_tokens').map((entry, i) => {
    const token = readAddedToken(entry, `added_tokens[${i}]`, fields);
    if (!vocab.has(token.content)) vocab.set(token.content, token.id);
    return token;
  });
  const common = { vocab, addedTokens, postProcessing: readPostProcessor(json.post_processor, fields) };

  if (kind === 'WordPiece') {
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

  if (json.normalizer !== null && json.normalizer !== undefined) {
    const type = fields.string(fields.object(json.normalizer, 'normalizer').type, 'normalizer.type');
    fields.unsupported('normalizer.type', type, `${SUPPORTED}, the latter without a normalizer`);
  }
  const preTokenizer = expectPreTokenizer(json.pre_tokenizer, 'ByteLevel', fields);
  if (model.byte_fallback === true) fields.unsupported('model.byte_fallback', 'true', SUPPORTED);
  if (model.ignore_merges === true) fields.unsupported('model.ignore_merges', 'true', SUPPORTED);
  for (const affix of ['continuing_subword_prefix', 'end_of_word_suffix']) {
    if (typeof model[affix] === 'string' && model[affix] !== '') fields.unsupported(`model.${affix}`, model[affix], SUPPORTED);
  }
  const missingByte = BYTE_TO_CHAR.findIndex((char) => !vocab.has(char));
  if (missingByte >= 0) fields.fail('model.vocab', `a byte-level vocabulary (it lacks the token for byte ${missingByte})`);
  return {
    kind: 'byte-level-bpe',
    ...common,
    merges: fields.array(model.merges, 'model.merges').map((merge, i) => readMerge(merge, `model.merges[${i}]`, fields)),
    addPrefixSpace: fields.flag(preTokenizer.add_prefix_space, 'pre_tokenizer.add_prefix_space', true),
    useRegex: fields.flag(preTokenizer.use_regex, 'pre_tokenizer.use_regex', true),
  };
}

/** Recent files leave out model.type; the fields tell the models apart. */
function modelKind(model: JsonObject, fields: JsonFields): 'WordPiece' | 'BPE' {
  const type = model.type ?? ('merges' in model ? 'BPE' : 'WordPiece');
  if (type === 'WordPiece' || type === 'BPE') return type;
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
