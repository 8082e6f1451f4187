import { mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_BATCH_SIZE } from '../../src/core/encoders/encoder';
import { groupIntoBatches } from '../../src/core/encoders/encode/batch';
import { loadOrExtractFeatures } from '../../src/core/train/feature-cache';
import type { Section } from '../context';
import { interleave, pairedRatio, timesOf, type InterleavedTimes } from '../interleave';
import { loadModel, type LoadedModel } from '../loaded-model';
import type { Measurement } from '../measurement';
import { median } from '../stats';
import { sst2, tokenIds } from '../texts';

const ITEM = '4. extraction throughput';

/** The raw side batches exactly as the product does (longest first, similar lengths together), from ids tokenized beforehand. */
function rawBatches(loaded: LoadedModel, texts: readonly string[], batchSize: number): number[][][] {
  const sequences = texts.map((text, i) => ({ text: i, ids: tokenIds(loaded.encoder.tokenizer, text), targets: new Int32Array(0) }));
  return groupIntoBatches(sequences, batchSize).map((batch) => batch.map((s) => s.ids));
}

function runRaw(loaded: LoadedModel, batches: number[][][]): () => Promise<void> {
  return async () => {
    for (const batch of batches) await loaded.raw.run(batch, loaded.padId);
  };
}

/** Throughput ratio = raw time / product time, round by round. */
function ratioRow(times: InterleavedTimes, product: string, subject: string, sentences: number): Measurement {
  const spread = pairedRatio(times, 'raw', product);
  const rate = (name: string) => (sentences * 1000) / median(timesOf(times, name));
  return {
    item: ITEM,
    subject,
    value: spread.median,
    unit: 'ratio',
    spread,
    target: { op: '>=', value: 0.9 },
    details: { 'product sentences/s': rate(product), 'raw sentences/s': rate('raw') },
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
        const perSecond: { batchSize: number; all: number; last: number }[] = [];
        for (const batchSize of batchSizes) {
          const times = await interleave(
            [
              { name: 'raw', run: runRaw(loaded, rawBatches(loaded, texts, batchSize)) },
              { name: 'all layers', run: () => loaded.encoder.encode(texts, { batchSize }) },
              { name: 'last layer', run: () => loaded.encoder.encode(texts, { batchSize, layers: [top] }) },
            ],
            { warmup: 1, rounds },
          );
          const rate = (name: string) => (texts.length * 1000) / median(timesOf(times, name));
          perSecond.push({ batchSize, all: rate('all layers'), last: rate('last layer') });
          for (const variant of ['all layers', 'last layer']) {
            measurements.push(ratioRow(times, variant, `${model.label}, encode ${variant}, batch ${batchSize}`, texts.length));
          }
        }
        for (const variant of ['all', 'last'] as const) {
          const best = perSecond.reduce((a, b) => (b[variant] > a[variant] ? b : a));
          measurements.push({
            item: '4. best batch size',
            subject: `${model.label}, encode ${variant === 'all' ? 'all layers' : 'last layer'}`,
            value: best.batchSize,
            unit: 'sequences',
            details: Object.fromEntries(perSecond.map((p) => [`batch ${p.batchSize} sentences/s`, p[variant]])),
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
        const times = await interleave(
          [
            { name: 'raw', run: runRaw(loaded, rawBatches(loaded, texts, DEFAULT_BATCH_SIZE)) },
            { name: 'feature cache', run: extract },
          ],
          { warmup: 1, rounds },
        );
        measurements.push(ratioRow(times, 'feature cache', `${model.label}, training extraction (feature cache), batch ${DEFAULT_BATCH_SIZE}`, texts.length));
      } finally {
        await loaded.release();
      }
    }
    return measurements;
  },
};
