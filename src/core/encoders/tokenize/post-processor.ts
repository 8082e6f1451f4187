import type { Token } from '../types';
import type { JsonFields, JsonObject } from './json-fields';

export interface SpecialToken {
  id: number;
  text: string;
}

/** What tokenizer.json's `post_processor` does to one sequence. */
export interface PostProcessing {
  /** Special tokens before and after the text: [CLS] ... [SEP], <s> ... </s>, or none (GPT-2). */
  leading: SpecialToken[];
  trailing: SpecialToken[];
  /** Byte-level: offsets leave out a token's leading and trailing spaces. */
  trimOffsets: boolean;
}

const NONE: PostProcessing = { leading: [], trailing: [], trimOffsets: false };
const SUPPORTED = 'TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel and Sequence';

/** Wraps content tokens in the special tokens, with empty spans at the start and at the end of the text. */
export function wrapInSpecials(processing: PostProcessing, content: Token[], textLength: number): Token[] {
  const at = (token: SpecialToken, offset: number): Token => ({
    id: token.id,
    text: token.text,
    start: offset,
    end: offset,
    special: true,
  });
  return [
    ...processing.leading.map((token) => at(token, 0)),
    ...content,
    ...processing.trailing.map((token) => at(token, textLength)),
  ];
}

export function readPostProcessor(value: unknown, fields: JsonFields): PostProcessing {
  if (value === null || value === undefined) return NONE;
  const config = fields.object(value, 'post_processor');
  const type = fields.string(config.type, 'post_processor.type');
  switch (type) {
    case 'TemplateProcessing':
      return readTemplate(config, fields);
    case 'BertProcessing':
      return {
        leading: [readPair(config.cls, 'post_processor.cls', fields)],
        trailing: [readPair(config.sep, 'post_processor.sep', fields)],
        trimOffsets: false,
      };
    case 'RobertaProcessing':
      return {
        leading: [readPair(config.cls, 'post_processor.cls', fields)],
        trailing: [readPair(config.sep, 'post_processor.sep', fields)],
        trimOffsets: fields.flag(config.trim_offsets, 'post_processor.trim_offsets', true),
      };
    case 'ByteLevel':
      return { ...NONE, trimOffsets: fields.flag(config.trim_offsets, 'post_processor.trim_offsets', true) };
    case 'Sequence':
      // Each processor wraps what the previous one produced.
      return fields
        .array(config.processors, 'post_processor.processors')
        .map((processor) => readPostProcessor(processor, fields))
        .reduce(
          (inner, outer) => ({
            leading: [...outer.leading, ...inner.leading],
            trailing: [...inner.trailing, ...outer.trailing],
            trimOffsets: inner.trimOffsets || outer.trimOffsets,
          }),
          NONE,
        );
    default:
      return fields.unsupported('post_processor.type', type, SUPPORTED);
  }
}

/** ["[CLS]", 101] */
function readPair(value: unknown, field: string, fields: JsonFields): SpecialToken {
  const pair = fields.array(value, field);
  return { text: fields.string(pair[0], `${field}[0]`), id: fields.integer(pair[1], `${field}[1]`) };
}

/** The `single` template: special tokens around the one sequence "A". */
function readTemplate(config: JsonObject, fields: JsonFields): PostProcessing {
  const specials = fields.object(config.special_tokens ?? {}, 'post_processor.special_tokens');
  const leading: SpecialToken[] = [];
  const trailing: SpecialToken[] = [];
  let seenSequence = false;
  fields.array(config.single, 'post_processor.single').forEach((item, index) => {
    const field = `post_processor.single[${index}]`;
    const piece = fields.object(item, field);
    if (piece.Sequence !== undefined) {
      seenSequence = true;
      return;
    }
    const name = fields.string(fields.object(piece.SpecialToken, `${field}.SpecialToken`).id, `${field}.SpecialToken.id`);
    const special = fields.object(specials[name], `post_processor.special_tokens["${name}"]`);
    const ids = fields.array(special.ids, `post_processor.special_tokens["${name}"].ids`);
    const texts = fields.array(special.tokens, `post_processor.special_tokens["${name}"].tokens`);
    ids.forEach((id, k) => {
      const token = {
        id: fields.integer(id, `post_processor.special_tokens["${name}"].ids[${k}]`),
        text: fields.string(texts[k], `post_processor.special_tokens["${name}"].tokens[${k}]`),
      };
      (seenSequence ? trailing : leading).push(token);
    });
  });
  if (!seenSequence) fields.fail('post_processor.single', 'a template containing the sequence $A');
  return { leading, trailing, trimOffsets: false };
}
