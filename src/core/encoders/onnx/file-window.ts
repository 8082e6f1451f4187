import { promises as fs } from 'node:fs';
import { MalformedMessageError, readVarint, WireType } from './wire';

/** Bytes read ahead at each refill: a few large reads instead of one per protobuf field. */
const WINDOW_BYTES = 4 * 2 ** 20;

/** A field's header read from a file: where its value starts and where the field ends. */
export interface FieldHeader {
  number: number;
  wireType: number;
  start: number;
  valueStart: number;
  end: number;
}

/**
 * Reads a file through a sliding window of positioned reads, so a model's structure can be walked without ever
 * holding its weights in memory: fields that are skipped (tensor payloads) are never read.
 */
export class FileWindow {
  private window = new Uint8Array(0);
  private windowStart = 0;

  private constructor(
    private readonly handle: fs.FileHandle,
    readonly size: number,
  ) {}

  static async open(file: string): Promise<FileWindow> {
    const handle = await fs.open(file, 'r');
    try {
      return new FileWindow(handle, (await handle.stat()).size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  /** bytes[start, end) of the file; the view is valid until the next call. */
  async bytes(start: number, end: number): Promise<Uint8Array> {
    if (end > this.size) throw new MalformedMessageError(`a field runs past the end of the file at byte ${start}`);
    const windowEnd = this.windowStart + this.window.length;
    if (start < this.windowStart || end > windowEnd) {
      const length = Math.min(Math.max(end - start, WINDOW_BYTES), this.size - start);
      const buffer = new Uint8Array(length);
      let read = 0;
      while (read < length) {
        const { bytesRead } = await this.handle.read(buffer, read, length - read, start + read);
        if (bytesRead === 0) throw new MalformedMessageError(`the file ends early at byte ${start + read}`);
        read += bytesRead;
      }
      this.window = buffer;
      this.windowStart = start;
    }
    return this.window.subarray(start - this.windowStart, end - this.windowStart);
  }

  /** The header of the field starting at `pos` of a message that ends at `limit`. */
  async header(pos: number, limit: number): Promise<FieldHeader> {
    // A tag and a length prefix take at most 20 bytes.
    const head = await this.bytes(pos, Math.min(pos + 20, limit));
    const tag = readVarint(head, 0, head.length);
    const number = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (number === 0) throw new MalformedMessageError(`field number 0 at byte ${pos}`);
    let valueStart = pos + tag.next;
    let end: number;
    switch (wireType) {
      case WireType.varint:
        end = pos + readVarint(head, tag.next, head.length).next;
        break;
      case WireType.fixed64:
        end = valueStart + 8;
        break;
      case WireType.fixed32:
        end = valueStart + 4;
        break;
      case WireType.bytes: {
        const length = readVarint(head, tag.next, head.length);
        valueStart = pos + length.next;
        end = valueStart + length.value;
        break;
      }
      default:
        throw new MalformedMessageError(`unsupported wire type ${wireType} at byte ${pos}`);
    }
    if (end > limit) throw new MalformedMessageError(`field ${number} at byte ${pos} runs past the end`);
    return { number, wireType, start: pos, valueStart, end };
  }
}
