import { crc32, inflateRawSync } from 'node:zlib';
import { ProbeLensError } from '../errors';

/**
 * Reads one entry of a zip archive held in memory (stored or deflated, as GLUE's archives are), located through
 * the central directory at the end of the archive and checked against its recorded size and CRC-32. Zip64 and
 * encrypted archives are not supported: no default dataset uses them.
 */
export function readZipEntry(archive: Uint8Array, entryName: string, source: string): Uint8Array {
  const data = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const bad = (why: string) => new ProbeLensError(`${source} is not a usable zip archive: ${why}.`, 'download');

  const end = findEndOfCentralDirectory(data);
  if (end < 0) throw bad('no end-of-central-directory record');
  const entries = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL_HEADER) throw bad('a damaged central directory');
    const flags = data.readUInt16LE(offset + 8);
    const method = data.readUInt16LE(offset + 10);
    const expectedCrc = data.readUInt32LE(offset + 16);
    const packedSize = data.readUInt32LE(offset + 20);
    const size = data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const localHeader = data.readUInt32LE(offset + 42);
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    names.push(name);
    if (name !== entryName) continue;

    if (flags & 1) throw bad(`${name} is encrypted`);
    if (packedSize === ZIP64 || size === ZIP64 || localHeader === ZIP64) throw bad(`${name} needs zip64`);
    if (localHeader + 30 > data.length || data.readUInt32LE(localHeader) !== LOCAL_HEADER) {
      throw bad(`the local header of ${name} is damaged`);
    }
    const start = localHeader + 30 + data.readUInt16LE(localHeader + 26) + data.readUInt16LE(localHeader + 28);
    if (start + packedSize > data.length) throw bad(`${name} runs past the end of the archive`);
    const packed = data.subarray(start, start + packedSize);
    let content: Buffer;
    if (method === STORED) content = packed;
    else if (method === DEFLATED) {
      try {
        content = inflateRawSync(packed);
      } catch (error) {
        throw bad(`${name} does not inflate (${(error as Error).message})`);
      }
    } else throw bad(`${name} uses compression method ${method}`);
    if (content.length !== size || crc32(content) !== expectedCrc) throw bad(`${name} fails its size or CRC-32 check`);
    return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  }
  throw bad(`it has no entry ${entryName} (its entries: ${names.slice(0, 10).join(', ')})`);
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64 = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;

/** The offset of the end-of-central-directory record: 22 bytes plus a comment of up to 65,535 at the very end. */
function findEndOfCentralDirectory(data: Buffer): number {
  const lowest = Math.max(0, data.length - 22 - 0xffff);
  for (let offset = data.length - 22; offset >= lowest; offset--) {
    if (data.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  return -1;
}
