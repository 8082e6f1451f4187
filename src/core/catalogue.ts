import catalogueJson from '../../models/catalogue.json';
import { FAMILIES, SUPPORTED_FAMILIES } from './encoders/model/families';
import { DTYPES, isDtype } from './encoders/model/onnx-file';
import type { Dtype, Family } from './encoders/types';

/** One ONNX file of a hub export, relative to the model folder. */
export interface OnnxFile {
  file: string;
  sizeMB: number;
}

/** A known encoder (models/catalogue.json): architecture facts and which ONNX file runs per dtype. */
export interface EncoderEntry {
  /** Hub id, e.g. "Xenova/bert-base-uncased". */
  id: string;
  /** The original model the export was made from. */
  base: string;
  family: Family;
  /** Transformer blocks L (hidden states come as L + 1 layers). */
  layers: number;
  hiddenSize: number;
  heads: number;
  /** The longest input: the position table of encoders, the context length of decoders. */
  maxPositions: number;
  cased: boolean;
  /** The ONNX file of every dtype the export offers. */
  onnx: Partial<Record<Dtype, OnnxFile>>;
  defaultDtype: Dtype;
  /** Marks the encoder used by default for its kind. */
  defaultFor?: 'bert-family' | 'gpt-family';
  notes?: string;
}

const DEFAULT_KINDS = ['bert-family', 'gpt-family'] as const;
const ENTRY_KEYS = [
  'id', 'base', 'family', 'layers', 'hiddenSize', 'heads', 'maxPositions', 'cased', 'onnx', 'defaultDtype', 'defaultFor', 'notes',
];

/**
 * Checks catalogue JSON against EncoderEntry, field by field, so a mistake in the bundled file fails loudly at
 * load (and in the unit test) instead of surfacing later as an undefined field.
 */
export function parseEncoderCatalogue(json: unknown): EncoderEntry[] {
  const root = asObject(json, 'the catalogue');
  if (!Array.isArray(root.encoders)) throw new Error('models/catalogue.json: "encoders" must be an array.');
  const entries = root.encoders.map((value, i) => parseEntry(value, `encoders[${i}]`));
  const ids = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.id)) throw new Error(`models/catalogue.json: ${entry.id} is listed twice.`);
    ids.add(entry.id);
  }
  for (const kind of DEFAULT_KINDS) {
    const count = entries.filter((entry) => entry.defaultFor === kind).length;
    if (count !== 1) throw new Error(`models/catalogue.json: ${count} encoders are the default for ${kind}; need 1.`);
  }
  return entries;
}

export const ENCODER_CATALOGUE: readonly EncoderEntry[] = parseEncoderCatalogue(catalogueJson);

/** The catalogue entry for a hub id (exact match), if the encoder is a known one. */
export function findEncoder(id: string): EncoderEntry | undefined {
  return ENCODER_CATALOGUE.find((entry) => entry.id === id);
}

/** The default BERT-family and GPT-family encoders. */
export function defaultEncoders(): { bert: EncoderEntry; gpt: EncoderEntry } {
  const byKind = (kind: (typeof DEFAULT_KINDS)[number]) =>
    ENCODER_CATALOGUE.find((entry) => entry.defaultFor === kind) as EncoderEntry; // parse guarantees exactly one
  return { bert: byKind('bert-family'), gpt: byKind('gpt-family') };
}

/** The dtypes an entry offers, in DTYPES order. */
export function offeredDtypes(entry: EncoderEntry): Dtype[] {
  return DTYPES.filter((dtype) => entry.onnx[dtype] !== undefined);
}

/**
 * One line for pickers and logs, e.g. "Xenova/distilgpt2: GPT-2, 6 layers, hidden 768, cased; q8
 * onnx/decoder_model_quantized.onnx (83.5 MB download); also fp32".
 */
export function describeEncoder(entry: EncoderEntry, dtype: Dtype = entry.defaultDtype): string {
  const onnx = entry.onnx[dtype];
  const others = offeredDtypes(entry).filter((d) => d !== dtype);
  return (
    `${entry.id}: ${FAMILIES[entry.family].displayName}, ${entry.layers} layers, hidden ${entry.hiddenSize}, ` +
    `${entry.cased ? 'cased' : 'uncased'}; ` +
    (onnx ? `${dtype} ${onnx.file} (${onnx.sizeMB} MB download)` : `no ${dtype} file`) +
    (others.length > 0 ? `; also ${others.join(', ')}` : '')
  );
}

function parseEntry(value: unknown, where: string): EncoderEntry {
  const entry = asObject(value, where);
  const id = text(entry, 'id', where);
  const at = `${where} (${id})`;
  // A misspelt key would otherwise pass silently as an absent optional field.
  const unknown = Object.keys(entry).filter((key) => !ENTRY_KEYS.includes(key));
  if (unknown.length > 0) fail(at, `unknown field ${unknown.join(', ')}`);
  const family = text(entry, 'family', at);
  if (!SUPPORTED_FAMILIES.includes(family as Family)) fail(at, `family "${family}" is not one of ${SUPPORTED_FAMILIES.join(', ')}`);
  const onnxObject = asObject(entry.onnx, `${at}.onnx`);
  const onnx: Partial<Record<Dtype, OnnxFile>> = {};
  for (const [dtype, value] of Object.entries(onnxObject)) {
    if (!isDtype(dtype)) fail(at, `onnx.${dtype}: "${dtype}" is not one of ${DTYPES.join(', ')}`);
    const file = asObject(value, `${at}.onnx.${dtype}`);
    const name = text(file, 'file', `${at}.onnx.${dtype}`);
    if (!/^onnx\/[\w.-]+\.onnx$/.test(name)) fail(at, `onnx.${dtype}.file "${name}" is not an onnx/<name>.onnx path`);
    onnx[dtype] = { file: name, sizeMB: positive(file, 'sizeMB', `${at}.onnx.${dtype}`, false) };
  }
  const defaultDtype = text(entry, 'defaultDtype', at);
  if (!isDtype(defaultDtype) || onnx[defaultDtype] === undefined) {
    fail(at, `defaultDtype "${defaultDtype}" is not one of the dtypes its onnx lists (${Object.keys(onnx).join(', ')})`);
  }
  const defaultFor = entry.defaultFor;
  if (defaultFor !== undefined && !DEFAULT_KINDS.includes(defaultFor as (typeof DEFAULT_KINDS)[number])) {
    fail(at, `defaultFor must be one of ${DEFAULT_KINDS.join(', ')}`);
  }
  if (entry.notes !== undefined && typeof entry.notes !== 'string') fail(at, 'notes must be a string');
  if (typeof entry.cased !== 'boolean') fail(at, 'cased must be true or false');
  return {
    id,
    base: text(entry, 'base', at),
    family: family as Family,
    layers: positive(entry, 'layers', at, true),
    hiddenSize: positive(entry, 'hiddenSize', at, true),
    heads: positive(entry, 'heads', at, true),
    maxPositions: positive(entry, 'maxPositions', at, true),
    cased: entry.cased as boolean,
    onnx,
    defaultDtype: defaultDtype as Dtype,
    ...(defaultFor === undefined ? {} : { defaultFor: defaultFor as EncoderEntry['defaultFor'] }),
    ...(entry.notes === undefined ? {} : { notes: entry.notes as string }),
  };
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'must be an object');
  return value as Record<string, unknown>;
}

function text(object: Record<string, unknown>, key: string, where: string): string {
  const value = object[key];
  if (typeof value !== 'string' || value.trim() === '') fail(where, `${key} must be a non-empty string`);
  return value as string;
}

function positive(object: Record<string, unknown>, key: string, where: string, integer: boolean): number {
  const value = object[key];
  const ok = typeof value === 'number' && value > 0 && (integer ? Number.isInteger(value) : Number.isFinite(value));
  if (!ok) fail(where, `${key} must be a positive ${integer ? 'whole ' : ''}number`);
  return value as number;
}

function fail(where: string, why: string): never {
  throw new Error(`models/catalogue.json: ${where}: ${why}.`);
}
