import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ProbeLensError } from '../../errors';
import { halvesToFloats } from '../../train/features/float16';
import { TensorElemType, type OnnxInitializer } from './graph';

const ELEMENT_BYTES: Record<number, number> = { [TensorElemType.float]: 4, [TensorElemType.float16]: 2, [TensorElemType.bfloat16]: 2 };

export function isFloatTensor(init: OnnxInitializer): boolean {
  return ELEMENT_BYTES[init.dataType] !== undefined && init.data.kind !== 'other';
}

function toFloats(bytes: Uint8Array, dataType: number): Float32Array {
  const copy = bytes.slice();
  if (dataType === TensorElemType.float) return new Float32Array(copy.buffer);
  const halves = new Uint16Array(copy.buffer);
  const out = new Float32Array(halves.length);
  if (dataType === TensorElemType.float16) halvesToFloats(halves, out);
  else {
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < halves.length; i++) bits[i] = halves[i] << 16;
  }
  return out;
}

/**
 * Rows [rowStart, rowEnd) and columns [colStart, colEnd) of a float, float16 or bfloat16 matrix initializer as
 * float32, row-major, read from the model bytes (inline data) or its external-data file: only those bytes are read.
 */
export async function readMatrixBlock(
  init: OnnxInitializer,
  model: Uint8Array,
  weightsDir: string,
  rows: [number, number],
  cols: [number, number],
): Promise<Float32Array> {
  const size = ELEMENT_BYTES[init.dataType];
  const [height, width] = init.dims;
  if (!size || init.dims.length !== 2 || rows[1] > height || cols[1] > width) {
    throw new Error(`readMatrixBlock: ${init.name} is not a float matrix holding rows ${rows} and columns ${cols}`);
  }
  const rowBytes = (cols[1] - cols[0]) * size;
  const out = new Uint8Array((rows[1] - rows[0]) * rowBytes);
  const at = (row: number) => (row * width + cols[0]) * size;
  const data = init.data;
  if (data.kind === 'inline') {
    for (let r = rows[0]; r < rows[1]; r++) out.set(model.subarray(data.start + at(r), data.start + at(r) + rowBytes), (r - rows[0]) * rowBytes);
  } else if (data.kind === 'external') {
    const file = path.join(weightsDir, data.location);
    const handle = await fs.open(file, 'r').catch(() => {
      throw new ProbeLensError(`${file}, which holds the weights of ${init.name}, cannot be opened.`, 'model-not-found');
    });
    try {
      // Whole rows are one range of the file; parts of rows are read row by row.
      if (cols[1] - cols[0] === width) await handle.read(out, 0, out.length, data.offset + at(rows[0]));
      else for (let r = rows[0]; r < rows[1]; r++) await handle.read(out, (r - rows[0]) * rowBytes, rowBytes, data.offset + at(r));
    } finally {
      await handle.close();
    }
  } else {
    throw new Error(`readMatrixBlock: ${init.name} keeps its values in typed fields`);
  }
  return toFloats(out, init.dataType);
}
