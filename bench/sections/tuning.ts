import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { openTappedSession } from '../../src/core/encoders/load-encoder';
import { resolveModel } from '../../src/core/encoders/model/resolve';
import { defaultThreads, sessionOptions } from '../../src/core/encoders/session/session-options';
import { withWeightsDir } from '../../src/core/encoders/session/create-session';
import { loadTokenizer } from '../../src/core/encoders/tokenize';
import type { Section } from '../context';
import { interleave, timesOf } from '../interleave';
import type { Measurement } from '../measurement';
import { feedsFor } from '../raw-session';
import { median, quantile } from '../stats';

const NO_SPINNING = { session: { intra_op: { allow_spinning: '0' } } };

/** The session settings compared: each thread count, and with two or more threads, without spin-waiting. */
function candidates(threads: number[]): { name: string; options: ort.InferenceSession.SessionOptions }[] {
  return threads.flatMap((count) => {
    const plain = { name: `${count} thread${count === 1 ? '' : 's'}`, options: sessionOptions(count) };
    if (count < 2) return [plain];
    return [plain, { name: `${count} threads, no spinning`, options: { ...sessionOptions(count), extra: NO_SPINNING } }];
  });
}

/** Token ids that are not special and not all alike, row by row. */
function syntheticIds(rows: number, tokens: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: tokens }, (_, t) => 1000 + ((t + 31 * r) * 7919) % 20000));
}

/**
 * The thread count and session options the product uses (sessionOptions) against the alternatives, on the
 * tapped graphs, for a single text (compare, hover) and a batch (training extraction); interleaved.
 */
export const tuningSection: Section = {
  id: 'tuning',
  run: async ({ plan, scratchDir, log }) => {
    const { threads, lengths, batch, rounds } = plan.tuning;
    const settings = candidates(threads);
    const workloads = [
      ...lengths.map((tokens) => ({ name: `1 × ${tokens} tokens`, ids: syntheticIds(1, tokens) })),
      { name: `${batch.rows} × ${batch.tokens} tokens`, ids: syntheticIds(batch.rows, batch.tokens) },
    ];
    const measurements: Measurement[] = [];
    /** Per setting, its median time over the best setting's, one entry per (model, workload). */
    const slowdowns = new Map(settings.map((s) => [s.name, [] as number[]]));
    for (const model of plan.models) {
      log(`tuning: ${model.label}`);
      const resolved = await resolveModel(model.dir, { dtype: model.dtype, offline: true });
      const tokenizer = await loadTokenizer(resolved.folder, resolved.config.family, resolved.config.maxPositions);
      const opened = await openTappedSession(resolved, tokenizer, { cacheDir: path.join(scratchDir, 'cache') });
      await opened.session.dispose();
      const { file } = opened;
      const graph = readFileSync(file.path);
      const sessions = await Promise.all(settings.map((s) => ort.InferenceSession.create(graph, withWeightsDir(s.options, file.manifest.weightsDir))));
      try {
        for (const workload of workloads) {
          const feeds = feedsFor(sessions[0].inputMetadata, workload.ids, 0);
          const times = await interleave(
            settings.map((s, i) => ({ name: s.name, run: () => sessions[i].run(feeds, file.manifest.taps) })),
            { warmup: 2, rounds },
          );
          const medians = settings.map((s) => ({ name: s.name, ms: median(timesOf(times, s.name)) }));
          const best = medians.reduce((a, b) => (b.ms < a.ms ? b : a));
          for (const m of medians) slowdowns.get(m.name)!.push(m.ms / best.ms);
          measurements.push({
            item: 'tuning: fastest session setting',
            subject: `${model.label}, ${workload.name}`,
            value: best.ms,
            unit: 'ms',
            details: {
              best: best.name,
              ...Object.fromEntries(medians.map((m) => [`${m.name} ms`, m.ms])),
              ...Object.fromEntries(settings.map((s) => [`${s.name} q25 ms`, quantile(timesOf(times, s.name), 0.25)])),
              'product default threads': defaultThreads(),
            },
          });
        }
      } finally {
        await Promise.all(sessions.map((s) => s.release()));
      }
    }
    for (const [name, values] of slowdowns) {
      const geometricMean = Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
      measurements.push({
        item: 'tuning: time / fastest setting\'s, over every model and workload',
        subject: name,
        value: geometricMean,
        unit: 'ratio',
        details: { 'geometric mean': geometricMean, worst: Math.max(...values), 'times fastest': values.filter((v) => v === 1).length, of: values.length },
      });
    }
    return measurements;
  },
};
