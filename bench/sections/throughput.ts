import { mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_BATCH_SIZE, DEFAULT_BATCH_TOKENS } from '../../src/core/encoders/encoder';
import { groupIntoBatches } from '../../src/core/encoders/encode/batch';
import { loadOrExtractFeatures } from '../../src/core/train/features/feature-cache';
import type { Section } from '../context';
import { interleave, pairedRatio, timesOf, type Contender, type InterleavedTimes, type InterleaveOptions } from '../interleave';
import { loadModel, type LoadedModel } from '../loaded-model';
import type { Measurement } from '../measurement';
import { median, spread } from '../stats';
import { sst2, tokenIds } from '../texts';

const ITEM = '4. extraction throughput';
const VARIANTS = ['all layers', 'last layer'] as const;
type Variant = (typeof VARIANTS)[number];

/** The raw side batches exactly as the product does (longest first, similar lengths together), from ids tokenized beforehand. */
function rawBatches(loaded: LoadedModel, texts: readonly string[], batchSize: number): number[][][] {
  const sequences = texts.map((text, i) => ({ text: i, ids: tokenIds(loaded.encoder.tokenizer, text), targets: new Int32Array(0) }));
  return groupIntoBatches(sequences, batchSize, DEFAULT_BATCH_TOKENS).map((batch) => batch.map((s) => s.ids));
}

function runRaw(loaded: LoadedModel, batches: number[][][]): () => Promise<void> {
  return async () => {
    for (const batch of batches) await loaded.raw.run(batch, loaded.padId);
  };
}

/** Wall times, and the CPU time each timed round used (ms, by contender name, in round order). */
interface TimesWithCpu {
  times: InterleavedTimes;
  cpu: Map<string, number[]>;
}

/**
 * interleave(), also recording process CPU time per round. With one intra-op thread the CPU time is the work
 * done, whatever the wait for a core on a loaded machine, so its ratio is steadier than the wall-time one.
 */
async function interleaveWithCpu(contenders: readonly Contender[], options: InterleaveOptions): Promise<TimesWithCpu> {
  const cpu = new Map(contenders.map((c) => [c.name, [] as number[]]));
  const timed = contenders.map((c) => ({
    name: c.name,
    run: async () => {
      const start = process.cpuUsage();
      await c.run();
      const used = process.cpuUsage(start);
      cpu.get(c.name)!.push((used.user + used.system) / 1000);
    },
  }));
  const times = await interleave(timed, options);
  for (const [name, samples] of cpu) cpu.set(name, samples.slice(options.warmup));
  return { times, cpu };
}

/** Throughput ratio = raw time / product time, round by round (wall time; CPU time in the details). */
function ratioRow({ times, cpu }: TimesWithCpu, product: string, subject: string, sentences: number): Measurement {
  const wall = pairedRatio(times, 'raw', product);
  const rawCpu = cpu.get('raw')!;
  const cpuRatio = spread(cpu.get(product)!.map((ms, round) => rawCpu[round] / ms));
  const rate = (name: string) => (sentences * 1000) / median(timesOf(times, name));
  return {
    item: ITEM,
    subject,
    value: wall.median,
    unit: 'ratio',
    spread: wall,
    target: { op: '>=', value: 0.9 },
    details: {
      'product sentences/s': rate(product),
      'raw sentences/s': rate('raw'),
      'CPU-time ratio': cpuRatio.median,
      'CPU-time ratio IQR': cpuRatio.iqr,
    },
  };
}

/**
 * Item 4: batched extraction of SST-2 sentences against raw onnxruntime over the same batches, interleaved
 * pass by pass: the encoder at each batch size, returning every layer (what NER training keeps) and only
 * the last (what pooling heads read); then training's own extraction into the feature cache.
 */
export const throughputSection: Section = {
  id: 'throughput',
  run: async ({ plan, scratchDir, log }) => {
    const { sentences, batchSizes, rounds } = plan.throughput;
    const texts = (await sst2(sentences)).examples.map((e) => e.text);
    const measurements: Measurement[] = [];
    for (const model of plan.models) {
      log(`throughput: ${model.label}`);
      const loaded = await loadModel(model, scratchDir);
      const top = loaded.encoder.identity.layers;
      try {
        /** Sentences per second of wall time and of CPU time, by variant, at each batch size. */
        const perSecond: { batchSize: number; wall: Record<Variant, number>; cpu: Record<Variant, number> }[] = [];
        for (const batchSize of batchSizes) {
          const measured = await interleaveWithCpu(
            [
              { name: 'raw', run: runRaw(loaded, rawBatches(loaded, texts, batchSize)) },
              { name: 'all layers', run: () => loaded.encoder.encode(texts, { batchSize }) },
              { name: 'last layer', run: () => loaded.encoder.encode(texts, { batchSize, layers: [top] }) },
            ],
            { warmup: 1, rounds },
          );
          const rates = (ms: (name: string) => number[]) =>
            Object.fromEntries(VARIANTS.map((v) => [v, (texts.length * 1000) / median(ms(v))])) as Record<Variant, number>;
          perSecond.push({
            batchSize,
            wall: rates((name) => timesOf(measured.times, name)),
            cpu: rates((name) => measured.cpu.get(name)!),
          });
          for (const variant of VARIANTS) {
            measurements.push(ratioRow(measured, variant, `${model.label}, encode ${variant}, batch ${batchSize}`, texts.length));
          }
        }
        for (const variant of VARIANTS) {
          // By CPU time: with one thread it is the work a batch size costs, which waiting for a core on a loaded
          // machine does not blur (wall rates are in the details).
          const best = perSecond.reduce((a, b) => (b.cpu[variant] > a.cpu[variant] ? b : a));
          const productDefault = perSecond.find((p) => p.batchSize === DEFAULT_BATCH_SIZE);
          measurements.push({
            item: '4. best batch size (CPU time)',
            subject: `${model.label}, encode ${variant}`,
            value: best.batchSize,
            unit: 'sequences',
            details: {
              'product default': DEFAULT_BATCH_SIZE,
              'default / best CPU-time rate': productDefault ? productDefault.cpu[variant] / best.cpu[variant] : 'not measured',
              ...Object.fromEntries(perSecond.map((p) => [`batch ${p.batchSize} CPU sentences/s`, p.cpu[variant]])),
              ...Object.fromEntries(perSecond.map((p) => [`batch ${p.batchSize} wall sentences/s`, p.wall[variant]])),
            },
          });
        }
        // Training's extraction (feature cache, float16, on disk) at the product's batch size, fresh cache each pass.
        const extract = async () => {
          const cacheDir = mkdtempSync(path.join(scratchDir, 'features-'));
          try {
            (await loadOrExtractFeatures(loaded.encoder, { kind: 'sentence-tokens', texts }, { cacheDir })).close();
          } finally {
            rmSync(cacheDir, { recursive: true, force: true });
          }
        };
        const measured = await interleaveWithCpu(
          [
            { name: 'raw', run: runRaw(loaded, rawBatches(loaded, texts, DEFAULT_BATCH_SIZE)) },
            { name: 'feature cache', run: extract },
          ],
          { warmup: 1, rounds },
        );
        measurements.push(ratioRow(measured, 'feature cache', `${model.label}, training extraction (feature cache), batch ${DEFAULT_BATCH_SIZE}`, texts.length));
      } finally {
        await loaded.release();
      }
    }
    return measurements;
  },
};
