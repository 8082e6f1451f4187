import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../../core/encoders/taps/atomic-write';
import { isLayerSweeps, type LayerSweeps } from '../../protocol/webview';

/**
 * The last Sweep Layers run, kept in the extension's global storage as JSON so the panel's Layers section
 * survives a window reload. Written under a temporary name and renamed: a crash never leaves half a file.
 */
export interface LayerSweepsFile {
  version: 1;
  layers: LayerSweeps;
}

export async function writeLayerSweeps(file: string, layers: LayerSweeps): Promise<void> {
  const saved: LayerSweepsFile = { version: 1, layers };
  await writeFileAtomic(file, [Buffer.from(`${JSON.stringify(saved)}\n`, 'utf8')]);
}

/** The saved sweeps; undefined when there is no file yet. A damaged file is an error naming it. */
export async function readLayerSweeps(file: string): Promise<LayerSweeps | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON (${(error as Error).message}); run Probe Lens: Sweep Layers again to replace it.`);
  }
  const record = saved as Partial<LayerSweepsFile> | null;
  if (typeof record !== 'object' || record === null || record.version !== 1 || !isLayerSweeps(record.layers)) {
    throw new Error(`${file} does not hold layer sweeps this version of Probe Lens can read; run Probe Lens: Sweep Layers again to replace it.`);
  }
  return record.layers;
}
