/**
 * The protobuf wire format, just enough of it to read, splice and write ONNX files (no .proto compiler, no library):
 * a message is a sequence of fields, each a varint tag (field number << 3 | wire type) and a value.
 */

export const WireType = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/** Thrown when bytes do not form a valid message: a truncated or non-ONNX file. */
export class MalformedMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedMessageError';
  }
}

/** One field of a message, located by byte offsets into the buffer it was read from. */
export interface WireField {
  number: number;
  wireType: number;
  /** Offset of the tag: the field spans [start, end). */
  start: number;
  /** Offset of the value (after the tag, and after the length prefix for length-delimited fields). */
  valueStart: number;
  end: number;
  /** The value of a varint field (as a JS number: exact below 2^53, which covers every length and count). */
  varint: number;
}

/** Reads a varint at pos; returns its value and the offset after it. */
export function readVarint(bytes: Uint8Array, pos: number, limit: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= limit) throw new MalformedMessageError(`varint runs past the end at byte ${pos}`);
    const byte = bytes[pos++];
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return { value, next: pos };
    scale *= 128;
  }
  throw new MalformedMessageError(`varint longer than 10 bytes at byte ${pos}`);
}

/** Iterates the fields of the message occupying bytes[start, end). */
export function* readFields(bytes: Uint8Array, start: number, end: number): Generator<WireField> {
  let pos = start;
  while (pos < end) {
    const fieldStart = pos;
    const tag = readVarint(bytes, pos, end);
    const number = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (number === 0) throw new MalformedMessageError(`field number 0 at byte ${fieldStart}`);
    pos = tag.next;
    let valueStart = pos;
    let varint = 0;
    switch (wireType) {
      case WireType.varint: {
        const v = readVarint(bytes, pos, end);
        varint = v.value;
        pos = v.next;
        break;
      }
      case WireType.fixed64:
        pos += 8;
        break;
      case WireType.fixed32:
        pos += 4;
        break;
      case WireType.bytes: {
        const length = readVarint(bytes, pos, end);
        valueStart = length.next;
        varint = length.value;
        pos = length.next + length.value;
        break;
      }
      default:
        throw new MalformedMessageError(`unsupported wire type ${wireType} at byte ${fieldStart}`);
    }
    if (pos > end) throw new MalformedMessageError(`field ${number} at byte ${fieldStart} runs past the end`);
    yield { number, wireType, start: fieldStart, valueStart, end: pos, varint };
  }
}

const utf8 = new TextDecoder('utf-8');

export function readString(bytes: Uint8Array, field: WireField): string {
  return utf8.decode(bytes.subarray(field.valueStart, field.end));
}

export function encodeVarint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cannot encode ${value} as a varint`);
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return Uint8Array.from(out);
}

/** An int64 as protobuf writes it: negative values as their 64-bit two's complement (ten bytes). */
export function encodeInt64(value: number): Uint8Array {
  if (value >= 0) return encodeVarint(value);
  if (!Number.isSafeInteger(value)) throw new RangeError(`cannot encode ${value} as an int64`);
  const out: number[] = [];
  let rest = BigInt.asUintN(64, BigInt(value));
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
  return Uint8Array.from(out);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function encodeTag(number: number, wireType: number): Uint8Array {
  return encodeVarint(number * 8 + wireType);
}

export function encodeVarintField(number: number, value: number): Uint8Array {
  return concat([encodeTag(number, WireType.varint), encodeVarint(value)]);
}

/** An int64 field (attribute values and axes may be negative). */
export function encodeInt64Field(number: number, value: number): Uint8Array {
  return concat([encodeTag(number, WireType.varint), encodeInt64(value)]);
}

/** A float field (protobuf `float`: 4 bytes, little-endian). */
export function encodeFloatField(number: number, value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return concat([encodeTag(number, WireType.fixed32), bytes]);
}

/** A length-delimited field: a string, bytes or an embedded message (given as its encoded parts). */
export function encodeBytesField(number: number, ...payload: Uint8Array[]): Uint8Array {
  const body = concat(payload);
  return concat([encodeTag(number, WireType.bytes), encodeVarint(body.length), body]);
}

export function encodeStringField(number: number, value: string): Uint8Array {
  return encodeBytesField(number, new TextEncoder().encode(value));
}
