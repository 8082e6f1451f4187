import * as path from 'node:path';
import { FileWindow, type FieldHeader } from './file-window';
import { ExternalDataKeys, GraphFieldNumbers, TensorFieldNumbers } from './graph';
import { concat, encodeBytesField, encodeStringField, encodeTag, encodeVarint, encodeVarintField, readFields, readString, WireType } from './wire';

/**
 * Initializers whose payload is at least this large are referred to instead of copied. Smaller ones (norm
 * scales of tiny models, shape constants) cost less inline than their reference would.
 */
export const MIN_REFERRED_BYTES = 1024;

const EXTERNAL = 1;

/**
 * The model in `file` as a small ModelProto: every large initializer stored in the file itself becomes an ONNX
 * external-data reference (location = the file's own name, offset and length of its bytes there), and
 * initializers that were external already keep their references. Locations are relative to the file's folder
 * unless `relocate` rewrites them (to a folder holding the real files behind symbolic links); onnxruntime must be
 * told which folder they are relative to (TappedSession does). The weights are never read:
 * their bytes are skipped, so a model of any size becomes a graph of a few megabytes in one pass.
 */
export async function readCompactModel(file: string, relocate: (location: string) => string = (l) => l): Promise<Uint8Array> {
  const window = await FileWindow.open(file);
  try {
    const location = { own: relocate(path.basename(file)), relocate };
    const parts: Uint8Array[] = [];
    for (let pos = 0; pos < window.size; ) {
      const field = await window.header(pos, window.size);
      if (field.number === GraphFieldNumbers.graph && field.wireType === WireType.bytes) {
        const graph = await compactGraph(window, field.valueStart, field.end, location);
        parts.push(encodeTag(GraphFieldNumbers.graph, WireType.bytes), encodeVarint(graph.length), graph);
      } else {
        parts.push((await window.bytes(field.start, field.end)).slice());
      }
      pos = field.end;
    }
    return concat(parts);
  } finally {
    await window.close();
  }
}

/** Where the file's own bytes are referred to (`own`), and how existing external locations are rewritten. */
interface Locations {
  own: string;
  relocate: (location: string) => string;
}

async function compactGraph(window: FileWindow, start: number, end: number, location: Locations): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (let pos = start; pos < end; ) {
    const field = await window.header(pos, end);
    const isInitializer = field.number === GraphFieldNumbers.initializer && field.wireType === WireType.bytes;
    parts.push(isInitializer ? await compactTensor(window, field.valueStart, field.end, location) : (await window.bytes(field.start, field.end)).slice());
    pos = field.end;
  }
  return concat(parts);
}

const externalEntry = (key: string, value: string) =>
  encodeBytesField(TensorFieldNumbers.externalData, encodeStringField(ExternalDataKeys.key, key), encodeStringField(ExternalDataKeys.value, value));

/** An external_data entry, with its location rewritten. */
function relocatedEntry(bytes: Uint8Array, relocate: (location: string) => string): Uint8Array {
  const field = [...readFields(bytes, 0, bytes.length)][0];
  let key = '';
  let value = '';
  for (const f of readFields(bytes, field.valueStart, field.end)) {
    if (f.number === ExternalDataKeys.key) key = readString(bytes, f);
    else if (f.number === ExternalDataKeys.value) value = readString(bytes, f);
  }
  return key === 'location' ? externalEntry(key, relocate(value)) : bytes;
}

/** One GraphProto.initializer field, its large raw_data replaced by a reference to where it sits in the file. */
async function compactTensor(window: FileWindow, start: number, end: number, location: Locations): Promise<Uint8Array> {
  const kept: Uint8Array[] = [];
  let raw: FieldHeader | undefined;
  let external = false;
  for (let pos = start; pos < end; ) {
    const field = await window.header(pos, end);
    const length = field.end - field.valueStart;
    if (field.number === TensorFieldNumbers.rawData && field.wireType === WireType.bytes && length >= MIN_REFERRED_BYTES) {
      raw = field;
    } else {
      const bytes = (await window.bytes(field.start, field.end)).slice();
      if (field.number === TensorFieldNumbers.dataLocation && field.wireType === WireType.varint) {
        external = bytes[bytes.length - 1] === EXTERNAL;
      }
      const isEntry = field.number === TensorFieldNumbers.externalData && field.wireType === WireType.bytes;
      kept.push(isEntry ? relocatedEntry(bytes, location.relocate) : bytes);
    }
    pos = field.end;
  }
  if (raw && !external) {
    kept.push(
      externalEntry('location', location.own),
      externalEntry('offset', String(raw.valueStart)),
      externalEntry('length', String(raw.end - raw.valueStart)),
      encodeVarintField(TensorFieldNumbers.dataLocation, EXTERNAL),
    );
  } else if (raw) {
    // Both inline bytes and an external location: not a valid tensor; keep it as it was for the runtime to judge.
    kept.push((await window.bytes(raw.start, raw.end)).slice());
  }
  return encodeBytesField(GraphFieldNumbers.initializer, ...kept);
}
