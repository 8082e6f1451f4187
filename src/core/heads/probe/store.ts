import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EncoderIdentity } from '../../encoders/types';
import { ProbeLensError } from '../../errors';
import { createHead, type Head } from '../head';
import { Standardizer } from '../standardizer';
import { checkEncoderIdentity, parseProbeConfig, type ProbeConfig } from './config';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from './safetensors';

export const CONFIG_FILE = 'config.json';
export const WEIGHTS_FILE = 'weights.safetensors';

/** A trained head with everything needed to run it. */
export interface Probe {
  config: ProbeConfig;
  head: Head;
  /** The input standardisation fitted on its training features. */
  standardizer: Standardizer;
}

export interface LoadedProbe extends Probe {
  dir: string;
}

const meanName = (layer: number) => `input.mean.${layer}`;
const scaleName = (layer: number) => `input.scale.${layer}`;

/**
 * Writes the probe folder `dir` atomically: everything goes to a sibling temporary folder first (files
 * fsynced), which then replaces `dir`. A crash or cancel before the swap leaves any previous probe intact;
 * the previous one is removed only after the new one is in place.
 */
export function saveProbe(dir: string, probe: Probe): void {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  recoverInterruptedSwap(target);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temporary = `${target}.tmp-${suffix}`;
  fs.mkdirSync(temporary);
  try {
    writeFileSynced(path.join(temporary, WEIGHTS_FILE), encodeSafetensors(probeTensors(probe), { format: 'pt' }));
    writeFileSynced(path.join(temporary, CONFIG_FILE), Buffer.from(JSON.stringify(probe.config, null, 2) + '\n'));
    const previous = fs.existsSync(target) ? `${target}.old-${suffix}` : null;
    if (previous) fs.renameSync(target, previous);
    try {
      fs.renameSync(temporary, target);
    } catch (error) {
      if (previous) fs.renameSync(previous, target);
      throw error;
    }
    if (previous) fs.rmSync(previous, { recursive: true, force: true });
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Loads the probe folder `dir`. With `encoder`, refuses a probe trained for another encoder. A missing,
 * truncated or inconsistent file is a ProbeLensError('probe') that names the folder.
 */
export function loadProbe(dir: string, encoder?: EncoderIdentity): LoadedProbe {
  const target = path.resolve(dir);
  recoverInterruptedSwap(target);
  if (!fs.existsSync(target)) throw new ProbeLensError(`No probe folder at ${target}. Train one with "probe-lens train".`, 'probe');
  const config = parseProbeConfig(readJson(path.join(target, CONFIG_FILE), target), target);
  if (encoder) checkEncoderIdentity(config, encoder, target);
  const weightsFile = path.join(target, WEIGHTS_FILE);
  if (!fs.existsSync(weightsFile)) {
    throw new ProbeLensError(`The probe ${target} has no ${WEIGHTS_FILE} (an interrupted copy?). Train the probe again.`, 'probe');
  }
  const tensors = decodeSafetensors(fs.readFileSync(weightsFile), weightsFile);
  const take = (name: string, size: number): Float32Array => {
    const tensor = tensors.get(name);
    if (!tensor) throw new ProbeLensError(`${weightsFile} has no tensor "${name}". Train the probe again.`, 'probe');
    if (tensor.data.length !== size) {
      throw new ProbeLensError(`${weightsFile}: tensor "${name}" has ${tensor.data.length} values, the ${config.strategy} head needs ${size}. Train the probe again.`, 'probe');
    }
    return tensor.data;
  };
  const head = createHead(config.task, config.strategy, config.shape, 0);
  for (const parameter of head.parameters) parameter.data.set(take(parameter.name, parameter.size));
  const inputLayers = config.task === 'sentiment' ? 1 : config.shape.numLayers;
  const d = config.shape.hiddenSize;
  const means = Array.from({ length: inputLayers }, (_, l) => take(meanName(l), d));
  const scales = Array.from({ length: inputLayers }, (_, l) => take(scaleName(l), d));
  return { dir: target, config, head, standardizer: new Standardizer(means, scales) };
}

/** The probe folders directly inside `dir` (those with a config.json), sorted by name. */
export function listProbeFolders(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !/\.(tmp|old)-/.test(entry.name) && fs.existsSync(path.join(dir, entry.name, CONFIG_FILE)))
    .map((entry) => path.join(dir, entry.name))
    .sort();
}

function probeTensors(probe: Probe): Map<string, NamedTensor> {
  const tensors = new Map<string, NamedTensor>();
  for (const p of probe.head.parameters) tensors.set(p.name, { shape: [p.rows, p.cols], data: Float32Array.from(p.data) });
  const { mean, scale } = probe.standardizer;
  mean.forEach((m, l) => tensors.set(meanName(l), { shape: [m.length], data: m }));
  scale.forEach((s, l) => tensors.set(scaleName(l), { shape: [s.length], data: s }));
  return tensors;
}

function writeFileSynced(file: string, bytes: Buffer): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function readJson(file: string, where: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ProbeLensError(`The probe ${where} has no ${CONFIG_FILE}. Train the probe again.`, 'probe');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProbeLensError(`${file} is not valid JSON (${(error as Error).message}). Train the probe again.`, 'probe');
  }
}

/**
 * A crash between saveProbe's two renames leaves the previous probe at `<dir>.old-*` and nothing at `dir`:
 * put it back, so the last complete probe is never lost.
 */
function recoverInterruptedSwap(target: string): void {
  if (fs.existsSync(target)) return;
  const parent = path.dirname(target);
  if (!fs.existsSync(parent)) return;
  const prefix = `${path.basename(target)}.old-`;
  const leftover = fs.readdirSync(parent).find((name) => name.startsWith(prefix));
  if (leftover) fs.renameSync(path.join(parent, leftover), target);
}
