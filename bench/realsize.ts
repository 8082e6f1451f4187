import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { resolveModel } from '../src/core/encoders/model/resolve';
import { notAvailable, type Measurement } from './measurement';
import { REALSIZE_MODELS, REALSIZE_ROOT, realsizeBenchModel, type BenchModel, type RealsizeModel } from './models';
import { findTorch, PYTHON } from './pytorch';
import { SHARED_DIR } from '../test/shared-path';

const MAKE_REALSIZE = path.join(SHARED_DIR, 'tools', 'make_realsize.py');
const ITEM = 'scale base: encoder';

/**
 * Writes `model` into REALSIZE_ROOT with make_realsize.py: into a temporary folder beside it first, renamed
 * into place once the script succeeded, so an interrupted run never leaves a half-written model that later
 * runs would take for a whole one.
 */
async function writeModel(model: RealsizeModel): Promise<void> {
  mkdirSync(REALSIZE_ROOT, { recursive: true });
  const temporary = mkdtempSync(path.join(REALSIZE_ROOT, `.writing-${model.id}-`));
  try {
    await promisify(execFile)(PYTHON, [MAKE_REALSIZE, temporary, path.join(SHARED_DIR, 'models'), model.kind], {
      timeout: 30 * 60_000,
      maxBuffer: 16 * 1024 ** 2,
    });
    const written = path.join(temporary, model.id);
    if (!existsSync(path.join(written, model.onnx))) throw new Error(`${MAKE_REALSIZE} ${model.kind} wrote no ${model.onnx}`);
    renameSync(written, path.join(REALSIZE_ROOT, model.id));
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

/**
 * The real-size encoders of `--scale base`, written once into the cache when it lacks them (needs PyTorch;
 * the time is reported), and kept when the product can load their family. Returns them with one line per
 * model: how it was obtained, or why it is not available.
 */
export async function prepareRealsizeModels(log: (message: string) => void): Promise<{ models: BenchModel[]; measurements: Measurement[] }> {
  const models: BenchModel[] = [];
  const measurements: Measurement[] = [];
  for (const realsize of REALSIZE_MODELS) {
    const model = realsizeBenchModel(realsize);
    let writeSeconds: number | undefined;
    if (!existsSync(path.join(model.dir, realsize.onnx))) {
      const torch = await findTorch();
      if (!torch.available) {
        measurements.push(notAvailable(ITEM, model.dir, 'MB', `writing it needs PyTorch: ${torch.reason}`, undefined, 'not available'));
        continue;
      }
      log(`scale base: writing ${model.dir} with ${MAKE_REALSIZE} ${realsize.kind} (about a minute)`);
      const started = performance.now();
      await writeModel(realsize);
      writeSeconds = (performance.now() - started) / 1000;
    }
    try {
      const { config } = await resolveModel(model.dir, { dtype: model.dtype, offline: true });
      models.push(model);
      measurements.push({
        item: ITEM,
        subject: `${model.id}: ${config.family}, ${config.layers} layers × ${config.hiddenSize}`,
        value: statSync(path.join(model.dir, realsize.onnx)).size / 1024 ** 2,
        unit: 'MB',
        details: {
          folder: model.dir,
          ...(writeSeconds === undefined ? { obtained: 'cached by an earlier run' } : { 'written by this run, s': writeSeconds }),
        },
      });
    } catch (error) {
      const written = writeSeconds === undefined ? '' : ` (written by this run in ${writeSeconds.toFixed(0)} s)`;
      measurements.push(notAvailable(ITEM, model.dir + written, 'MB', (error as Error).message));
    }
  }
  return { models, measurements };
}
