import { ProbeLensError } from '../../errors';

/**
 * The safetensors format (Hugging Face), F32 only: an 8-byte little-endian header length, a JSON header
 * mapping each tensor name to {dtype, shape, data_offsets: [begin, end)} within the data that follows
 * (plus an optional "__metadata__" of strings), then the raw little-endian data (typed arrays are
 * little-endian on every platform Node runs on, so they are written and read as they are).
 */

export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** Serialises tensors in the given order; the header is padded with spaces to 8 bytes, as the reference does. */
export function encodeSafetensors(tensors: ReadonlyMap<string, NamedTensor>, metadata: Record<string, string> = {}): Buffer {
  const header: Record<string, HeaderEntry | Record<string, string>> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, tensor] of tensors) {
    const count = tensor.shape.reduce((a, b) => a * b, 1);
    if (count !== tensor.data.length) throw new Error(`tensor ${name}: shape ${tensor.shape} does not hold ${tensor.data.length} values`);
    header[name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, offset + tensor.data.byteLength] };
    offset += tensor.data.byteLength;
  }
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = Math.ceil(json.length / 8) * 8;
  json = Buffer.concat([json, Buffer.alloc(padded - json.length, 0x20)]);
  const out = Buffer.alloc(8 + json.length + offset);
  out.writeBigUInt64LE(BigInt(json.length), 0);
  json.copy(out, 8);
  let position = 8 + json.length;
  for (const tensor of tensors.values()) {
    const bytes = Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
    bytes.copy(out, position);
    position += bytes.length;
  }
  return out;
}

/** Parses a safetensors file's bytes; any inconsistency (truncation above all) is a 'probe' error naming `file`. */
export function decodeSafetensors(bytes: Buffer, file: string): Map<string, NamedTensor> {
  const fail = (why: string) => new ProbeLensError(`${file} is not a valid weights file: ${why}. Train the probe again.`, 'probe');
  if (bytes.length < 8) throw fail(`it has ${bytes.length} bytes, fewer than the 8-byte header length (truncated?)`);
  const headerLength = Number(bytes.readBigUInt64LE(0));
  if (headerLength > bytes.length - 8) throw fail(`the header says ${headerLength} bytes but the file has ${bytes.length - 8} after it (truncated?)`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw fail('its header is not JSON');
  }
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const tensors = new Map<string, NamedTensor>();
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const entry = value as Partial<HeaderEntry>;
    if (entry.dtype !== 'F32') throw fail(`tensor "${name}" has dtype ${String(entry.dtype)}; only F32 is supported`);
    const shape = entry.shape;
    const offsets = entry.data_offsets;
    if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n) && n >= 0)) throw fail(`tensor "${name}" has no valid shape`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((n) => Number.isInteger(n) && n >= 0)) {
      throw fail(`tensor "${name}" has no valid data_offsets`);
    }
    const [begin, end] = offsets;
    const count = shape.reduce((a, b) => a * b, 1);
    if (end - begin !== count * 4) throw fail(`tensor "${name}" has ${end - begin} bytes for shape [${shape.join(', ')}]`);
    if (end > dataLength) throw fail(`tensor "${name}" ends at byte ${end} of the data but the file holds only ${dataLength} (truncated?)`);
    // Copy out: the data need not be 4-byte aligned inside the file's buffer.
    const copy = new Uint8Array(end - begin);
    copy.set(bytes.subarray(dataStart + begin, dataStart + end));
    tensors.set(name, { shape, data: new Float32Array(copy.buffer) });
  }
  return tensors;
}
